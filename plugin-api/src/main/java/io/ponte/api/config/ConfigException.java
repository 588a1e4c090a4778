package io.ponte.api.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@code ConnectorFactory.open} when a connection's config is unusable in a way its {@link ConfigSpec}
 * cannot say (two fields that contradict each other, say). The hub marks the connection {@code error} with these
 * problems and keeps running every other connection.
 *
 * @since 2.0.0
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    /**
     * @param errors the problems, each naming its field; never empty; never quoting a secret
     */
    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a config exception names at least one problem");
        }
        this.errors = List.copyOf(errors);
    }

    /** One problem with one field. */
    public ConfigException(String field, String message) {
        this(List.of(new ConfigError(field, message)));
    }

    /** The problems; never empty. */
    public List<ConfigError> errors() {
        return errors;
    }
}
