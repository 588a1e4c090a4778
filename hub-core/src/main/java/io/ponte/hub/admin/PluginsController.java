package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.hub.plugins.ConnectorRegistry;
import io.ponte.hub.plugins.PluginHost;
import io.ponte.hub.plugins.RegisteredConnector;
import java.util.Comparator;

/** {@code /api/v1/plugins} and {@code /api/v1/connectors}. */
final class PluginsController {

    private final PluginHost plugins;
    private final ConnectorRegistry registry;

    PluginsController(PluginHost plugins, ConnectorRegistry registry) {
        this.plugins = plugins;
        this.registry = registry;
    }

    /** A connector type with the plugin that provides it. */
    record ConnectorView(String plugin, @com.fasterxml.jackson.annotation.JsonUnwrapped ConnectorDescriptor descriptor) {
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/plugins", ctx -> ctx.json(new ListResponse<>(plugins.plugins(), null)));
        config.routes.get("/api/v1/connectors", ctx -> ctx.json(new ListResponse<>(registry.all().stream()
                .sorted(Comparator.comparing(RegisteredConnector::type))
                .map(c -> new ConnectorView(c.pluginId(), c.descriptor())).toList(), null)));
    }
}
