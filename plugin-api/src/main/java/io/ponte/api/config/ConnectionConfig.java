package io.ponte.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A connection's config: validated against its {@link ConfigSpec} by the hub, defaults filled in, secrets decrypted.
 * Read it with the connector's own {@link ConfigField} constants, so each field is declared once (name, type,
 * default, range, pattern) and read back typed. Immutable. {@link #toString()} masks the secret fields, so logging
 * a config never leaks one.
 *
 * @since 2.0.0 (read by field; the by-name accessors of 1.x are gone)
 */
public final class ConnectionConfig {

    private final ConfigSpec spec;
    private final ObjectNode values;

    /**
     * Wraps values the hub validated against {@code spec}.
     *
     * @param spec   the connector's spec
     * @param values the values (copied; absent fields take the spec's defaults)
     */
    public ConnectionConfig(ConfigSpec spec, JsonNode values) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.values = spec.withDefaults(values);
    }

    /**
     * A {@link FieldType#STRING} or {@link FieldType#URL} field.
     *
     * @return the value (its default when unset), or null when neither
     */
    public String string(ConfigField field) {
        JsonNode v = value(field, FieldType.STRING, FieldType.URL);
        return v == null ? null : v.asText();
    }

    /**
     * A {@link FieldType#URL} field.
     *
     * @return the URL (its default when unset), or null when neither
     */
    public URI url(ConfigField field) {
        JsonNode v = value(field, FieldType.URL);
        return v == null ? null : URI.create(v.asText().strip());
    }

    /**
     * An {@link FieldType#INTEGER} field that is always set (required, or defaulted).
     *
     * @throws IllegalStateException when it is unset: the field needs a default
     */
    public long integer(ConfigField field) {
        return present(field, value(field, FieldType.INTEGER)).asLong();
    }

    /**
     * A {@link FieldType#NUMBER} field that is always set.
     *
     * @throws IllegalStateException when it is unset: the field needs a default
     */
    public java.math.BigDecimal number(ConfigField field) {
        return present(field, value(field, FieldType.NUMBER, FieldType.INTEGER)).decimalValue();
    }

    /**
     * A {@link FieldType#BOOLEAN} field; unset without a default reads false.
     */
    public boolean bool(ConfigField field) {
        JsonNode v = value(field, FieldType.BOOLEAN);
        return v != null && v.asBoolean();
    }

    /** A {@link FieldType#STRING_LIST} field; empty when unset. */
    public List<String> strings(ConfigField field) {
        JsonNode v = value(field, FieldType.STRING_LIST);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(item -> out.add(item.asText()));
        }
        return List.copyOf(out);
    }

    /** A {@link FieldType#JSON} field, as a copy, or null when unset. */
    public JsonNode json(ConfigField field) {
        JsonNode v = value(field, FieldType.JSON);
        return v == null ? null : v.deepCopy();
    }

    /** Whether the field has a value (set, or defaulted). */
    public boolean has(ConfigField field) {
        JsonNode v = values.get(field.name());
        return v != null && !v.isNull();
    }

    private JsonNode value(ConfigField field, FieldType... types) {
        ConfigField declared = spec.field(field.name()).orElseThrow(() -> new IllegalArgumentException(
                "config field " + field.name() + " is not in this connector's spec"));
        if (!List.of(types).contains(declared.type())) {
            throw new IllegalArgumentException("config field " + field.name() + " is " + declared.type().wire()
                    + ", not " + List.of(types));
        }
        JsonNode v = values.get(field.name());
        return v == null || v.isNull() ? null : v;
    }

    private static JsonNode present(ConfigField field, JsonNode v) {
        if (v == null) {
            throw new IllegalStateException("config field " + field.name() + " is not set and has no default");
        }
        return v;
    }

    @Override
    public String toString() {
        ObjectNode masked = values.deepCopy();
        spec.fields().stream().filter(ConfigField::secret).forEach(f -> {
            if (masked.has(f.name())) {
                masked.put(f.name(), "***");
            }
        });
        return "ConnectionConfig" + masked;
    }
}
