/**
 * A local fake of Meta's Graph API for Instagram messaging ({@link io.ponte.plugins.instagram.fake.FakeInstagramApi})
 * and builders of signed Instagram webhooks ({@link io.ponte.plugins.instagram.fake.InstagramWebhooks}). Shipped in
 * the module's test-jar so end-to-end tests elsewhere can reuse them.
 */
package io.ponte.plugins.instagram.fake;
