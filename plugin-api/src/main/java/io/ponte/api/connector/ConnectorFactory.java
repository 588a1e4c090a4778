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
     * @throws io.ponte.api.error.PermanentException when the config is unusable in a way the schema cannot express
     */
    Connector open(ConnectorContext context);
}
