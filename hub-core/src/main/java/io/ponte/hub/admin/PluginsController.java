package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.plugins.ConnectorRegistry;
import io.ponte.hub.plugins.PluginHost;
import io.ponte.hub.plugins.PluginService;
import io.ponte.hub.plugins.RegisteredConnector;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import org.eclipse.jetty.http.HttpException;

/**
 * {@code /api/v1/plugins} and {@code /api/v1/connectors}: what is installed, and (admin scope) installing, upgrading,
 * disabling, enabling and removing plugins without a restart.
 */
final class PluginsController {

    private final PluginHost plugins;
    private final ConnectorRegistry registry;
    private final PluginService service;
    private final long maxUploadBytes;

    PluginsController(PluginHost plugins, ConnectorRegistry registry, PluginService service, long maxUploadBytes) {
        this.plugins = plugins;
        this.registry = registry;
        this.service = service;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** A connector type with the plugin that provides it. */
    record ConnectorView(String plugin, @com.fasterxml.jackson.annotation.JsonUnwrapped ConnectorDescriptor descriptor) {
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/plugins", ctx -> ctx.json(new ListResponse<>(plugins.plugins(), null)));
        config.routes.get("/api/v1/connectors", ctx -> ctx.json(new ListResponse<>(registry.all().stream()
                .sorted(Comparator.comparing(RegisteredConnector::type))
                .map(c -> new ConnectorView(c.pluginId(), c.descriptor())).toList(), null)));
        config.routes.post("/api/v1/plugins", this::upload);
        config.routes.post("/api/v1/plugins/{id}/disable", ctx -> {
            Access.admin(ctx);
            ctx.json(service.disable(ctx.pathParam("id")));
        });
        config.routes.post("/api/v1/plugins/{id}/enable", ctx -> {
            Access.admin(ctx);
            ctx.json(service.enable(ctx.pathParam("id")));
        });
        config.routes.delete("/api/v1/plugins/{id}", ctx -> {
            Access.admin(ctx);
            try {
                service.delete(ctx.pathParam("id"));
            } catch (IllegalStateException e) {
                throw new ConflictException(e.getMessage());
            }
            ctx.status(204);
        });
    }

    private void upload(Context ctx) {
        Access.admin(ctx);
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new MalformedRequestException(415, "unsupported-media-type", "upload the plugin file as "
                    + "multipart/form-data with the field 'file' (curl -F file=@plugin.zip)");
        }
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (Exception e) { // Jetty reports a broken or oversized multipart body as a ServletException
            throw unreadable(e);
        }
        if (file == null) {
            throw new ValidationException("file", "is required: the plugin zip or jar");
        }
        byte[] content;
        try (InputStream in = file.content()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new MalformedRequestException(400, "malformed-upload", "the upload could not be read");
        }
        try {
            ctx.status(201).json(service.upload(content, file.filename()));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("file", e.getMessage());
        }
    }

    /** What Jetty found wrong with the multipart body: too large (413) or not well-formed (400). */
    private MalformedRequestException unreadable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() == 413) {
                return new MalformedRequestException(413, "body-too-large", "the upload is larger than "
                        + maxUploadBytes + " bytes (PONTE_PLUGIN_MAX_BYTES)");
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new MalformedRequestException(400, "malformed-upload", "the multipart body cannot be read ("
                + root.getMessage() + "): upload the plugin file as multipart/form-data with the field 'file' "
                + "(curl -F file=@plugin.zip)");
    }
}
