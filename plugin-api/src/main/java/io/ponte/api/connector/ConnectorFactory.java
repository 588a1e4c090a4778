package io.ponte.api.connector;

import org.pf4j.ExtensionPoint;

/**
 * The extension point: a connector type. Implementations are {@code @org.pf4j.Extension} classes with a public
 * no-argument constructor, stateless and thread-safe; all per-connection state lives in the {@link Connector}s
 * they open.
 */
public interface ConnectorFactory extends ExtensionPoint {

    /**
     * Describes the connector type. Called once per plugin start; must be cheap and always return the same value.
     *
     * @return the descriptor; never null
     */
    ConnectorDescriptor descriptor();

    /**
     * Opens the runtime instance of one connection. Called after the hub validated the config against
     * {@link ConnectorDescriptor#config()}. Should not call the provider (use {@link Connector#health()} for that);
     * must not block for long.
     *
     * @param context the connection's context; valid until the connector is closed
     * @return the instance; never null
     * @throws io.ponte.api.config.ConfigException when the config is unusable in a way the schema cannot express
     */
    Connector open(ConnectorContext context);

    /**
     * Checks a connection's config beyond what the schema can say, when an admin saves it: whether the connections
     * it names exist ({@link ConnectorContext#actions()}), whether a secret is strong enough, whether two fields
     * agree. Called only on create and update through the admin API, after the schema check and before
     * {@link #open}; never at hub start or when a connection is reopened, so a rule added in a new version never
     * stops a connection that already runs. Every error is reported to the admin at once, as
     * {@code config.<field>}.
     *
     * <p>Must not call the provider and must not block for long. The context is the one {@link #open} would get;
     * its emitter must not be used here.
     *
     * @param context the connection-to-be's context
     * @return the problems found, each naming a config field (dotted paths and indexes allowed:
     *         {@code specialists[1].connection}); empty when the config is fine; never null
     * @since 1.2.0
     */
    default java.util.List<io.ponte.api.config.ConfigError> validate(ConnectorContext context) {
        return java.util.List.of();
    }
}
