/**
 * The {@code instagram} connector: Instagram Direct messages through Meta's Instagram messaging webhooks (inbound,
 * checked with {@code X-Hub-Signature-256}) and the Send API {@code POST /{igUserId}/messages} (outbound).
 *
 * <p>Roles: {@link io.ponte.plugins.instagram.InstagramConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.instagram.InstagramConnector} (one per connection),
 * {@link io.ponte.plugins.instagram.InstagramConfig} (the config fields, declared once, and the typed config), the
 * webhook receiver and mappers ({@code WebhookReader}, {@code MessagingMapper}, {@code ContentMapper}), the action
 * ({@code MessageSend}) and Instagram's own error codes ({@code InstagramErrors}). The Graph API client, the shared
 * error reading, the Meta signature and the fields every Meta connection shares come from
 * {@code plugin-meta-common}.
 */
package io.ponte.plugins.instagram;
