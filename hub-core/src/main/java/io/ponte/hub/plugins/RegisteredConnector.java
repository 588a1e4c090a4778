package io.ponte.hub.plugins;

import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;

/**
 * A connector type the hub can open connections of: its factory (looked up once per plugin start), its descriptor
 * and where it came from.
 */
public record RegisteredConnector(ConnectorFactory factory, ConnectorDescriptor descriptor, String pluginId,
                                  ClassLoader classLoader) {

    public String type() {
        return descriptor.type();
    }
}
