package io.ponte.api.connector;

import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a connector type is: shown by {@code GET /api/v1/connectors} and used to validate connections.
 *
 * @param type        the permanent, kebab-case type id (e.g. {@code whatsapp-cloud}); never null
 * @param category    what kind of system it talks to; never null
 * @param displayName a human name
 * @param description one or two sentences for admins
 * @param config      the config schema; never null
 * @param emits       the envelope types its webhooks and poller emit; never null
 * @param actions     the actions it offers; never null
 */
public record ConnectorDescriptor(String type, Category category, String displayName, String description,
                                  ConfigSpec config, List<String> emits, List<ActionSpec> actions) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** Checks the type id and copies the lists. */
    public ConnectorDescriptor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(config, "config");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("connector type ids are kebab-case: " + type);
        }
        emits = List.copyOf(emits);
        actions = List.copyOf(actions);
    }

    /** The action of that name, if offered. */
    public Optional<ActionSpec> action(String name) {
        return actions.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
