/**
 * What the Meta plugins ({@code whatsapp-cloud}, {@code instagram}) share: the webhook handshake and signature
 * ({@link io.ponte.plugins.meta.MetaWebhooks}) and Graph API errors ({@link io.ponte.plugins.meta.GraphError}).
 * A library bundled into each plugin's zip, loaded by each plugin's own class loader.
 */
package io.ponte.plugins.meta;
