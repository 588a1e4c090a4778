/**
 * The {@code whatsapp-cloud} connector: Meta's WhatsApp Business Cloud API for one business phone number.
 * Inbound, Meta POSTs signed webhooks ({@code X-Hub-Signature-256}) to {@code /hooks/{connectionId}}, answered
 * after the subscription handshake on GET; outbound, {@code message.send} and {@code message.read} POST to
 * {@code /{phoneNumberId}/messages}; inbound media is downloaded on demand by media id.
 *
 * <p>Roles: {@link io.ponte.plugins.whatsapp.WhatsAppConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.whatsapp.WhatsAppConnector} (one per connection), {@link
 * io.ponte.plugins.whatsapp.WhatsAppConfig} (the config fields, declared once, and the typed config), {@link
 * io.ponte.plugins.whatsapp.WhatsAppWebhookReceiver} (webhooks), {@code MessageSend} and {@code
 * WhatsAppMediaFetcher} (the Graph calls), {@code WhatsAppErrors} (WhatsApp's own error codes). Wire formats and
 * their mapping live in {@code model}; the Graph API client, the shared error reading, the Meta signature and the
 * fields every Meta connection shares come from {@code plugin-meta-common}.
 */
package io.ponte.plugins.whatsapp;
