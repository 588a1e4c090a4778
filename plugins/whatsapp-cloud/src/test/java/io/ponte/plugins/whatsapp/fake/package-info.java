/**
 * A local fake of Meta's Graph API for the WhatsApp Cloud API ({@link io.ponte.plugins.whatsapp.fake.FakeGraphApi}),
 * shipped in this module's test-jar so the hub's end-to-end tests can point a connection's {@code apiBaseUrl} at it
 * and POST realistic signed webhooks.
 */
package io.ponte.plugins.whatsapp.fake;
