/**
 * Stripe's wire objects, read as JSON with {@link io.ponte.plugins.stripe.model.StripeObject}: Stripe renders
 * them in the webhook endpoint's or the request's API version, so the plugin reads fields by name and tolerates
 * fields that are missing, added or expanded.
 */
package io.ponte.plugins.stripe.model;
