package io.ponte.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A connection's validated config, defaults filled in and secrets decrypted. Immutable. {@link #toString()} masks
 * the secret fields, so logging a config never leaks one.
 */
public final class ConnectionConfig {

    private final ObjectNode values;
    private final Set<String> secretFields;

    /**
     * Wraps validated values.
     *
     * @param values       the values (copied)
     * @param secretFields the names of the fields to mask in {@link #toString()}
     */
    public ConnectionConfig(ObjectNode values, Set<String> secretFields) {
        this.values = values.deepCopy();
        this.secretFields = Set.copyOf(secretFields);
    }

    /** The value of a field, if set. */
    public Optional<String> string(String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    /** The value of a field the spec marks required (or defaulted). */
    public String requireString(String name) {
        return string(name).orElseThrow(() -> new IllegalStateException("config field " + name + " is not set"));
    }

    /** A URL field. */
    public Optional<URI> uri(String name) {
        return string(name).map(URI::create);
    }

    /** An integer field. */
    public Optional<Long> integer(String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asLong());
    }

    /** A boolean field. */
    public Optional<Boolean> bool(String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asBoolean());
    }

    /** A string-list field; empty when unset. */
    public List<String> stringList(String name) {
        JsonNode v = values.get(name);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(item -> out.add(item.asText()));
        }
        return List.copyOf(out);
    }

    /** A JSON field, as a copy. */
    public Optional<JsonNode> json(String name) {
        JsonNode v = values.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.deepCopy());
    }

    @Override
    public String toString() {
        ObjectNode masked = values.deepCopy();
        secretFields.forEach(f -> {
            if (masked.has(f)) {
                masked.put(f, "***");
            }
        });
        return "ConnectionConfig" + masked;
    }
}
