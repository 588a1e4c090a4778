package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.security.Principal;
import io.ponte.hub.storage.ApiKeyRow;
import io.ponte.hub.tenants.TenantService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The admin console: its static files ({@code /console}, {@code /console/<file>}, from the {@code console/} folder of
 * the hub's resources, nothing else) and {@code GET /api/v1/whoami}, which tells the console what the signed-in key
 * may do. The console itself is a client of the admin API like any other; it holds no privilege of its own.
 */
final class ConsoleController {

    // flat names only: no path can leave the console's folder
    private static final Pattern FILE = Pattern.compile("[a-z][a-z0-9-]*\\.(js|css|html|svg)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8", "svg", "image/svg+xml");

    private final TenantService tenants;
    private final HttpPolicy http;
    // only files that exist are kept, so unknown names cannot grow it
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    ConsoleController(TenantService tenants, HttpPolicy http) {
        this.tenants = tenants;
        this.http = http;
    }

    private record Asset(byte[] body, String type, String etag) {
    }

    /**
     * What the calling key is and may do.
     *
     * @param scope {@code admin} (every tenant, and tenants, keys and plugins themselves) or {@code tenant}
     * @param role  {@code write} or {@code read}
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    record Whoami(String keyId, String name, String role, String scope, String tenant, Instant expiresAt, Can can) {
    }

    /**
     * @param write          change connections, routes, conversations and deliveries (in the key's scope)
     * @param viewTenants    list tenants and API keys, see every tenant's objects
     * @param manageTenants  create, rename and delete tenants; create and revoke API keys
     * @param managePlugins  enable, disable and remove plugins
     * @param uploadPlugins  install plugins through the API (also needs {@code PONTE_PLUGINS_UPLOAD} on)
     */
    record Can(boolean write, boolean viewTenants, boolean manageTenants, boolean managePlugins,
               boolean uploadPlugins) {
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/whoami", this::whoami);
        config.routes.get("/console", ctx -> serve(ctx, "index.html"));
        config.routes.get("/console/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
    }

    private void whoami(Context ctx) {
        Principal p = Access.of(ctx);
        Optional<ApiKeyRow> key = p.keyId().equals(Principal.BOOTSTRAP) ? Optional.empty() : tenants.key(p.keyId());
        boolean adminWrite = p.admin() && p.write();
        ctx.json(new Whoami(p.keyId(), key.map(ApiKeyRow::name).orElse("bootstrap token (PONTE_ADMIN_TOKEN)"),
                p.write() ? "write" : "read", p.admin() ? "admin" : "tenant", p.tenant(),
                key.map(ApiKeyRow::expiresAt).map(Instant::ofEpochMilli).orElse(null),
                new Can(p.write(), p.admin(), adminWrite, adminWrite, adminWrite && http.pluginUploads())));
    }

    private void serve(Context ctx, String name) {
        Asset asset = FILE.matcher(name).matches() ? asset(name) : null;
        if (asset == null) {
            throw new NotFoundException("console file", name);
        }
        // revalidated on every load (the names carry no version), answered 304 while unchanged
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.etag());
        String match = ctx.header("If-None-Match");
        if (match != null && (match.equals(asset.etag()) || match.equals("W/" + asset.etag()))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.type()).result(asset.body());
    }

    private Asset asset(String name) {
        Asset known = assets.get(name);
        if (known != null) {
            return known;
        }
        try (InputStream in = ConsoleController.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                return null;
            }
            byte[] body = in.readAllBytes();
            Asset asset = new Asset(body, TYPES.get(name.substring(name.lastIndexOf('.') + 1)),
                    "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12) + "\"");
            assets.put(name, asset);
            return asset;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
