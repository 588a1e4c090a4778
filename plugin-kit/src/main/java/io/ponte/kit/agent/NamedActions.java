package io.ponte.kit.agent;

import io.ponte.api.action.Actions;
import io.ponte.api.config.ConfigError;
import java.util.Objects;
import java.util.Optional;

/**
 * The other connections' actions an agent's config names (a specialist's {@code agent.reply}, a tool), checked when
 * an admin saves the connection ({@code ConnectorFactory.validate}): a name that can only fail at run time is
 * refused then, naming its field. Never checked at open, so a connection deleted later makes the calls to it fail
 * (the hub's answer) instead of stopping the agent at hub start.
 */
public final class NamedActions {

    private final String self;
    private final Actions actions;

    /**
     * @param self    the id of the connection being saved
     * @param actions the hub's view of the tenant's connections, open or not
     */
    public NamedActions(String self, Actions actions) {
        this.self = Objects.requireNonNull(self, "self");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /**
     * What is wrong with naming {@code action} of {@code connection} in {@code field}: the agent itself, or no
     * connection of this tenant that offers the action.
     *
     * @return the problem, or empty when the tenant has such a connection
     */
    public Optional<ConfigError> problem(String field, String connection, String action) {
        if (connection.equals(self)) {
            return Optional.of(new ConfigError(field, "is this agent itself; name another connection"));
        }
        if (actions.describe(connection, action).isEmpty()) {
            return Optional.of(new ConfigError(field, "no connection '" + connection + "' of this tenant offers "
                    + action));
        }
        return Optional.empty();
    }
}
