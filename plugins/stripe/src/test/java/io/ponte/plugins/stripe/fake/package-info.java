/**
 * A local fake of the Stripe API ({@link io.ponte.plugins.stripe.fake.FakeStripe}) and signed events built from
 * real fixtures ({@link io.ponte.plugins.stripe.fake.StripeEvents}), for the plugin's tests and the distribution's
 * end-to-end test.
 */
package io.ponte.plugins.stripe.fake;
