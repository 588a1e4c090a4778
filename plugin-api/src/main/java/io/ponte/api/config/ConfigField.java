package io.ponte.api.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One field of a connector's config.
 *
 * @param name         the JSON key, lowerCamelCase; never null
 * @param type         its type; never null
 * @param required     whether a connection must set it (a field with a default is never missing)
 * @param defaultValue the value used when the field is absent, or null
 * @param secret       encrypted at rest, masked in every API response and log line
 * @param doc          one sentence for admins: what it is and where to find it at the provider
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigField(String name, FieldType type, boolean required, JsonNode defaultValue, boolean secret,
                          String doc) {

    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    /** Checks the name and type. */
    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("config field names are lowerCamelCase: " + name);
        }
    }

    /** A required field. */
    public static ConfigField required(String name, FieldType type, String doc) {
        return new ConfigField(name, type, true, null, false, doc);
    }

    /** An optional field without a default. */
    public static ConfigField optional(String name, FieldType type, String doc) {
        return new ConfigField(name, type, false, null, false, doc);
    }

    /** This field with a default value (and so never missing). */
    public ConfigField withDefault(JsonNode value) {
        return new ConfigField(name, type, false, value, secret, doc);
    }

    /** This field, marked secret. */
    public ConfigField asSecret() {
        return new ConfigField(name, type, required, defaultValue, true, doc);
    }
}
