/**
 * The {@code http} connector: a generic HTTP webhook channel. Inbound, any system POSTs messages in Ponte's own
 * small JSON format to {@code /hooks/{connectionId}}; outbound, the {@code message.send} action POSTs JSON to a
 * configured URL. Both directions are signed per the Standard Webhooks specification (standardwebhooks.com), whose
 * timestamp bounds how long a captured request can be replayed.
 *
 * <p>Roles: {@link io.ponte.plugins.http.HttpConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.http.HttpConnector} (one per connection), {@link io.ponte.plugins.http.HttpConfig}
 * (config fields, declared once, and the typed config), {@link io.ponte.plugins.http.StandardWebhooks}
 * (signatures); {@code message.send} posts through the plugin kit's {@code io.ponte.kit.Provider}.
 */
package io.ponte.plugins.http;
