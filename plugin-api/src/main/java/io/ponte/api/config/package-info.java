/**
 * Config schemas. A connector declares its {@link io.ponte.api.config.ConfigSpec} up front; the hub validates a
 * connection's config against it (reporting every bad field at once) before it opens an instance, encrypts the
 * fields marked {@linkplain io.ponte.api.config.ConfigField#secret() secret} at rest and never shows them again.
 * Inside the plugin the validated config arrives as a {@link io.ponte.api.config.ConnectionConfig}.
 */
package io.ponte.api.config;
