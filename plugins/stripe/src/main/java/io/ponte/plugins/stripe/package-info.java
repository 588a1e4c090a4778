/**
 * The {@code stripe} connector: a Stripe account through its webhook endpoint and the Stripe API (docs.stripe.com).
 *
 * <p>Inbound, Stripe POSTs one v1 event per request to {@code /hooks/{connectionId}}, signed in
 * {@code Stripe-Signature}; {@link io.ponte.plugins.stripe.StripeWebhookReceiver} checks it
 * ({@link io.ponte.plugins.stripe.StripeSignature}) and {@link io.ponte.plugins.stripe.EventMapper} maps it.
 * Outbound, {@link io.ponte.plugins.stripe.PaymentLinks} and {@link io.ponte.plugins.stripe.Refunds} build
 * form-encoded requests ({@link io.ponte.plugins.stripe.FormBody}); {@link io.ponte.plugins.stripe.StripeApi}
 * sends them through the plugin kit's {@code Provider}, and {@link io.ponte.plugins.stripe.StripeErrors} says what
 * Stripe's error answers mean. {@link io.ponte.plugins.stripe.Currencies} converts between Stripe's minor units and
 * the hub's major-unit amounts.
 *
 * <p>Roles: {@link io.ponte.plugins.stripe.StripeConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.stripe.StripeConnector} (one per account connection),
 * {@link io.ponte.plugins.stripe.StripeConfig} (config fields, declared once, and the typed config).
 *
 * <p>The API key goes into the {@code Authorization} header only and never into a log, reason or exception.
 */
package io.ponte.plugins.stripe;
