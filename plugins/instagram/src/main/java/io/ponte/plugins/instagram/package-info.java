/**
 * The {@code instagram} connector: Instagram Direct messages through Meta's Instagram messaging webhooks (inbound,
 * checked with {@code X-Hub-Signature-256}) and the Send API {@code POST /{igUserId}/messages} (outbound).
 *
 * <p>Roles: {@link io.ponte.plugins.instagram.InstagramConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.instagram.InstagramConnector} (one per connection),
 * {@link io.ponte.plugins.instagram.InstagramConfig} (validated config),
 * {@link io.ponte.plugins.instagram.InstagramClient} with {@link io.ponte.plugins.instagram.HttpInstagramClient}
 * (the Graph API), the webhook receiver and mappers ({@code WebhookReader}, {@code MessagingMapper},
 * {@code ContentMapper}) and the action ({@code MessageSend}, {@code SendOutcome}).
 */
package io.ponte.plugins.instagram;
