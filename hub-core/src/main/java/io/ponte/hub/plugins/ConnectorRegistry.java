package io.ponte.hub.plugins;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The connector types currently available, by type id. The only place that holds factories. */
public final class ConnectorRegistry {

    private final Map<String, RegisteredConnector> byType = new ConcurrentHashMap<>();

    /**
     * Registers a type.
     *
     * @return false (and registers nothing) when another plugin already provides that type
     */
    public boolean register(RegisteredConnector connector) {
        return byType.putIfAbsent(connector.type(), connector) == null;
    }

    public void unregisterPlugin(String pluginId) {
        byType.values().removeIf(c -> c.pluginId().equals(pluginId));
    }

    public Optional<RegisteredConnector> get(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Collection<RegisteredConnector> all() {
        return List.copyOf(byType.values());
    }
}
