/**
 * Wire shapes of the Instagram messaging webhooks and the Send API. They are read from and written to JSON trees
 * by hand rather than bound by Jackson, so every error names the exact field and index, unknown fields survive
 * as raw JSON for {@code Content.Unsupported}, and Jackson never caches a plugin class (which would pin the
 * plugin's class loader after unload).
 */
package io.ponte.plugins.instagram.model;
