/**
 * What the Meta plugins ({@code whatsapp-cloud}, {@code instagram}) share: the webhook handshake and signature
 * ({@link io.ponte.plugins.meta.MetaWebhooks}), the Graph API as one connection calls it
 * ({@link io.ponte.plugins.meta.GraphApi} over the kit's {@code Provider}), Graph error answers and their shared
 * meaning ({@link io.ponte.plugins.meta.GraphError}, {@link io.ponte.plugins.meta.GraphErrors}), and the config
 * fields every Meta connection declares alike ({@link io.ponte.plugins.meta.MetaConfig}). A library bundled into
 * each plugin's zip, loaded by each plugin's own class loader.
 */
package io.ponte.plugins.meta;
