/**
 * Wire DTOs of the inbound JSON format, as validated by {@link io.ponte.plugins.http.InboundReader}. They are
 * read from a JSON tree by hand rather than bound by Jackson, so every error names the exact field and index,
 * and Jackson never caches a plugin class (which would pin the plugin's class loader after unload).
 */
package io.ponte.plugins.http.model;
