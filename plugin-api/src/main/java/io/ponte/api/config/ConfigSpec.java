package io.ponte.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connector's config schema: an ordered list of {@link ConfigField}s. Validation is pure and reports every
 * problem at once; unknown keys are errors (a typo must not silently fall back to a default).
 *
 * @param fields the fields, in display order; names are unique
 */
public record ConfigSpec(List<ConfigField> fields) {

    /** Copies the list and checks that names are unique. */
    public ConfigSpec {
        fields = List.copyOf(fields);
        Map<String, ConfigField> seen = new LinkedHashMap<>();
        for (ConfigField f : fields) {
            if (seen.put(f.name(), f) != null) {
                throw new IllegalArgumentException("duplicate config field " + f.name());
            }
        }
    }

    /** A spec of the given fields. */
    public static ConfigSpec of(ConfigField... fields) {
        return new ConfigSpec(List.of(fields));
    }

    /** The field of that name, if any. */
    public Optional<ConfigField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Checks a config object against this spec.
     *
     * @param config the JSON the admin sent; null is treated as {@code {}}
     * @return every problem found, empty when the config is valid
     */
    public List<ConfigError> validate(JsonNode config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config != null && !config.isNull() && !config.isObject()) {
            errors.add(new ConfigError("config", "must be a JSON object"));
            return errors;
        }
        JsonNode object = config == null || config.isNull() ? JsonNodeFactory.instance.objectNode() : config;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (field(key).isEmpty()) {
                errors.add(new ConfigError(key, "unknown field; known fields: "
                        + fields.stream().map(ConfigField::name).toList()));
            }
        }
        for (ConfigField f : fields) {
            JsonNode value = object.get(f.name());
            if (value == null || value.isNull()) {
                if (f.required() && f.defaultValue() == null) {
                    errors.add(new ConfigError(f.name(), "is required"));
                }
                continue;
            }
            typeError(f, value).or(() -> constraintError(f, value))
                    .ifPresent(message -> errors.add(new ConfigError(f.name(), message)));
        }
        return errors;
    }

    /**
     * Returns a copy of {@code config} with defaults filled in for absent fields. Call after {@link #validate}.
     *
     * @param config a valid config object, or null
     * @return a new object; the input is not changed
     */
    public ObjectNode withDefaults(JsonNode config) {
        ObjectNode out = config != null && config.isObject()
                ? ((ObjectNode) config).deepCopy() : JsonNodeFactory.instance.objectNode();
        for (ConfigField f : fields) {
            JsonNode value = out.get(f.name());
            if ((value == null || value.isNull()) && f.defaultValue() != null) {
                out.set(f.name(), f.defaultValue().deepCopy());
            }
        }
        return out;
    }

    private static Optional<String> typeError(ConfigField f, JsonNode value) {
        return switch (f.type()) {
            case STRING -> value.isTextual() ? Optional.empty() : Optional.of("must be a string");
            case URL -> urlError(value);
            case INTEGER -> value.isIntegralNumber() ? Optional.empty() : Optional.of("must be an integer");
            case NUMBER -> value.isNumber() ? Optional.empty() : Optional.of("must be a number");
            case BOOLEAN -> value.isBoolean() ? Optional.empty() : Optional.of("must be true or false");
            case STRING_LIST -> isStringList(value) ? Optional.empty() : Optional.of("must be an array of strings");
            case JSON -> Optional.empty();
        };
    }

    private static Optional<String> constraintError(ConfigField f, JsonNode value) {
        if (f.secret() && value.isTextual() && value.textValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            return Optional.of("must be a single line");
        }
        if (f.minimum() != null && value.asLong() < f.minimum() || f.maximum() != null && value.asLong() > f.maximum()) {
            return Optional.of("must be " + range(f));
        }
        if (f.pattern() != null && !java.util.regex.Pattern.compile(f.pattern()).matcher(value.textValue()).matches()) {
            return Optional.of(f.patternHint() != null ? f.patternHint() : "must match " + f.pattern());
        }
        return Optional.empty();
    }

    private static String range(ConfigField f) {
        if (f.minimum() != null && f.maximum() != null) {
            return "between " + f.minimum() + " and " + f.maximum();
        }
        return f.minimum() != null ? "at least " + f.minimum() : "at most " + f.maximum();
    }

    private static boolean isStringList(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> urlError(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.of("must be a URL string");
        }
        try {
            URI uri = new URI(value.asText());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                return Optional.of("must be an absolute http(s) URL");
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("must be an absolute http(s) URL");
        }
    }
}
