package io.ponte.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One field of a connector's config, declared once: the hub validates it (type, required, range, pattern, secrets
 * on one line) before it opens a connection, fills in its default, and the connector reads it back typed through
 * {@link ConnectionConfig}'s accessors that take the field. A connector checks nothing here a second time.
 *
 * @param name         the JSON key, lowerCamelCase; never null
 * @param type         its type; never null
 * @param required     whether a connection must set it (a field with a default is never missing)
 * @param defaultValue the value used when the field is absent, or null
 * @param secret       encrypted at rest, masked in every API response and log line, on one line (no CR, LF or NUL:
 *                     secrets end up in headers)
 * @param doc          one sentence for admins: what it is and where to find it at the provider
 * @param minimum      the smallest value of an {@link FieldType#INTEGER} field, or null {@since 2.0.0}
 * @param maximum      the largest value of an {@link FieldType#INTEGER} field, or null {@since 2.0.0}
 * @param pattern      a regular expression a {@link FieldType#STRING} value must match whole, or null
 *                     {@since 2.0.0}
 * @param patternHint  what the admin sees when the pattern does not match ("must be the numeric Phone number ID
 *                     from WhatsApp &gt; API Setup"), or null {@since 2.0.0}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigField(String name, FieldType type, boolean required, JsonNode defaultValue, boolean secret,
                          String doc, Long minimum, Long maximum, String pattern, String patternHint) {

    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    /** Checks the name, the type and that the constraints fit the type. */
    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("config field names are lowerCamelCase: " + name);
        }
        if ((minimum != null || maximum != null) && type != FieldType.INTEGER) {
            throw new IllegalArgumentException("config field " + name + ": a range needs an integer field");
        }
        if (pattern != null) {
            if (type != FieldType.STRING) {
                throw new IllegalArgumentException("config field " + name + ": a pattern needs a string field");
            }
            Pattern.compile(pattern);
        }
    }

    /** A required field. */
    public static ConfigField required(String name, FieldType type, String doc) {
        return new ConfigField(name, type, true, null, false, doc, null, null, null, null);
    }

    /** An optional field without a default. */
    public static ConfigField optional(String name, FieldType type, String doc) {
        return new ConfigField(name, type, false, null, false, doc, null, null, null, null);
    }

    /** This field with a default value (and so never missing). */
    public ConfigField withDefault(JsonNode value) {
        return new ConfigField(name, type, false, value, secret, doc, minimum, maximum, pattern, patternHint);
    }

    /** This field with a string (or URL) default. @since 2.0.0 */
    public ConfigField withDefault(String value) {
        return withDefault(TextNode.valueOf(value));
    }

    /** This field with an integer default. @since 2.0.0 */
    public ConfigField withDefault(long value) {
        return withDefault(LongNode.valueOf(value));
    }

    /** This field with a boolean default. @since 2.0.0 */
    public ConfigField withDefault(boolean value) {
        return withDefault(BooleanNode.valueOf(value));
    }

    /** This field, marked secret. */
    public ConfigField asSecret() {
        return new ConfigField(name, type, required, defaultValue, true, doc, minimum, maximum, pattern, patternHint);
    }

    /**
     * This integer field, limited to {@code minimum..maximum} (both included).
     *
     * @since 2.0.0
     */
    public ConfigField between(long minimum, long maximum) {
        if (minimum > maximum) {
            throw new IllegalArgumentException("config field " + name + ": empty range");
        }
        return new ConfigField(name, type, required, defaultValue, secret, doc, minimum, maximum, pattern,
                patternHint);
    }

    /**
     * This string field, whose value must match {@code regex} whole.
     *
     * @param regex the pattern
     * @param hint  what is wrong when it does not match, completing "&lt;name&gt; ..." ("must be digits only")
     * @since 2.0.0
     */
    public ConfigField matching(String regex, String hint) {
        return new ConfigField(name, type, required, defaultValue, secret, doc, minimum, maximum, regex, hint);
    }

    /** Whether a connection always has a value for it (required, or defaulted). */
    @JsonIgnore
    public boolean alwaysSet() {
        return required || defaultValue != null;
    }
}
