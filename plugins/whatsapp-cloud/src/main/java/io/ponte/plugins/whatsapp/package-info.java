/**
 * The {@code whatsapp-cloud} connector: Meta's WhatsApp Business Cloud API for one business phone number.
 * Inbound, Meta POSTs signed webhooks ({@code X-Hub-Signature-256}) to {@code /hooks/{connectionId}}, answered
 * after the subscription handshake on GET; outbound, {@code message.send} and {@code message.read} POST to
 * {@code /{phoneNumberId}/messages}; inbound media is downloaded on demand by media id.
 *
 * <p>Roles: {@link io.ponte.plugins.whatsapp.WhatsAppConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.whatsapp.WhatsAppConnector} (one per connection), {@link
 * io.ponte.plugins.whatsapp.WhatsAppConfig} (validated config), {@link
 * io.ponte.plugins.whatsapp.WhatsAppWebhookReceiver} (webhooks), {@link io.ponte.plugins.whatsapp.WhatsAppClient}
 * with {@link io.ponte.plugins.whatsapp.HttpWhatsAppClient} (the Graph API). Wire formats and their mapping live
 * in {@code model}; the Meta signature and Graph error envelope come from {@code plugin-meta-common}.
 */
package io.ponte.plugins.whatsapp;
