package io.ponte.api.config;

/**
 * One problem with one config field.
 *
 * @param field   the field's name (for unknown fields, the unknown key)
 * @param message what is wrong, in words an admin can act on; never contains a secret value
 */
public record ConfigError(String field, String message) {
}
