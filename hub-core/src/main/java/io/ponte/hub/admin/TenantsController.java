package io.ponte.hub.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.connections.ConnectionService;
import io.ponte.hub.connections.ConnectionView;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.security.ApiKeys;
import io.ponte.hub.security.Principal;
import io.ponte.hub.storage.ApiKeyRow;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.MediaFiles;
import io.ponte.hub.storage.TenantRow;
import io.ponte.hub.storage.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/v1/tenants} and {@code /api/v1/api-keys}: who the hub serves and who may call it. Admin scope only. */
final class TenantsController {

    private final TenantStore tenants;
    private final ConnectionService connections;
    private final ApiKeys keys;
    private final MediaFiles media;
    private final Clock clock;

    TenantsController(TenantStore tenants, ConnectionService connections, ApiKeys keys, MediaFiles media,
                      Clock clock) {
        this.tenants = tenants;
        this.connections = connections;
        this.keys = keys;
        this.media = media;
        this.clock = clock;
    }

    record TenantRequest(String name) {
    }

    record TenantView(String id, String name, Instant createdAt, Instant updatedAt) {
        static TenantView of(TenantRow r) {
            return new TenantView(r.id(), r.name(), Instant.ofEpochMilli(r.createdAt()), Instant.ofEpochMilli(r.updatedAt()));
        }
    }

    record KeyRequest(String name, String tenant, String role, Instant expiresAt) {
    }

    /** A key as listed: never its token. {@code tenant} absent = admin scope. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyView(String id, String name, String tenant, String role, Instant expiresAt, Instant revokedAt,
                   Instant createdAt, String token) {
        static KeyView of(ApiKeyRow r, String token) {
            return new KeyView(r.id(), r.name(), r.tenantId(), r.role(),
                    r.expiresAt() == null ? null : Instant.ofEpochMilli(r.expiresAt()),
                    r.revokedAt() == null ? null : Instant.ofEpochMilli(r.revokedAt()),
                    Instant.ofEpochMilli(r.createdAt()), token);
        }
    }

    void register(JavalinConfig config) {
        config.routes.post("/api/v1/tenants", this::createTenant);
        config.routes.get("/api/v1/tenants", ctx -> {
            Access.admin(ctx);
            ctx.json(new ListResponse<>(tenants.all().stream().map(TenantView::of).toList(), null));
        });
        config.routes.get("/api/v1/tenants/{id}", ctx -> ctx.json(TenantView.of(tenant(ctx))));
        config.routes.put("/api/v1/tenants/{id}", this::renameTenant);
        config.routes.delete("/api/v1/tenants/{id}", this::deleteTenant);
        config.routes.post("/api/v1/api-keys", this::createKey);
        config.routes.get("/api/v1/api-keys", ctx -> {
            Access.admin(ctx);
            ctx.json(new ListResponse<>(keys(ctx.queryParam("tenant")), null));
        });
        config.routes.delete("/api/v1/api-keys/{id}", this::revokeKey);
    }

    private TenantRow tenant(Context ctx) {
        Access.admin(ctx);
        String id = ctx.pathParam("id");
        return tenants.get(id).orElseThrow(() -> new NotFoundException("tenant", id));
    }

    private void createTenant(Context ctx) {
        Access.admin(ctx);
        String name = name(Requests.body(ctx, TenantRequest.class).name());
        long now = clock.millis();
        TenantRow row = new TenantRow(Ids.next("ten"), name, now, now);
        tenants.insert(row);
        ctx.status(201).json(TenantView.of(row));
    }

    private void renameTenant(Context ctx) {
        TenantRow t = tenant(ctx);
        tenants.rename(t.id(), name(Requests.body(ctx, TenantRequest.class).name()), clock.millis());
        ctx.json(TenantView.of(tenants.get(t.id()).orElseThrow()));
    }

    /**
     * Refused while the tenant owns connections, routes or keys, unless {@code ?force=true} (which deletes them, and
     * this node's media files of its events at once; other nodes' go with their next retention run).
     */
    private void deleteTenant(Context ctx) {
        TenantRow t = tenant(ctx);
        if (t.id().equals("default")) {
            throw new ConflictException("the default tenant cannot be deleted");
        }
        boolean force = "true".equals(ctx.queryParam("force"));
        long owned = tenants.owned(t.id());
        if (owned > 0 && !force) {
            throw new ConflictException("tenant " + t.id() + " still owns " + owned + " connections, routes or keys; "
                    + "delete them first or use ?force=true (which deletes them with its events and conversations)");
        }
        for (ConnectionView c : connections.list()) {
            if (c.tenant().equals(t.id())) {
                connections.delete(c.id());
            }
        }
        tenants.delete(t.id());
        media.sweep();
        ctx.status(204);
    }

    private void createKey(Context ctx) {
        Access.admin(ctx);
        KeyRequest r = Requests.body(ctx, KeyRequest.class);
        List<ValidationException.FieldError> errors = new ArrayList<>();
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(new ValidationException.FieldError("name", "is required (at most 200 characters)"));
        }
        if (r.role() == null || !(r.role().equals("read") || r.role().equals("write"))) {
            errors.add(new ValidationException.FieldError("role", "must be read or write"));
        }
        if (r.tenant() != null && tenants.get(r.tenant()).isEmpty()) {
            errors.add(new ValidationException.FieldError("tenant", "no tenant with id '" + r.tenant() + "'"));
        }
        if (r.expiresAt() != null && !r.expiresAt().isAfter(Instant.ofEpochMilli(clock.millis()))) {
            errors.add(new ValidationException.FieldError("expiresAt", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        ApiKeys.Created created = keys.create(r.name().strip(), r.tenant(), r.role().equals("write"),
                r.expiresAt() == null ? null : r.expiresAt().toEpochMilli());
        ctx.status(201).json(KeyView.of(created.row(), created.token()));
    }

    private List<KeyView> keys(String tenant) {
        return tenants.keys(tenant).stream().map(k -> KeyView.of(k, null)).toList();
    }

    /** An API key by id, or {@code bootstrap}: the bootstrap token ({@code PONTE_ADMIN_TOKEN}), retired for good. */
    private void revokeKey(Context ctx) {
        Access.admin(ctx);
        String id = ctx.pathParam("id");
        if (id.equals(Principal.BOOTSTRAP)) {
            keys.retireBootstrap();
            ctx.status(204);
            return;
        }
        ApiKeyRow key = tenants.key(id).orElseThrow(() -> new NotFoundException("API key", id));
        if (!keys.revoke(key)) {
            throw new ConflictException("API key " + id + " is already revoked");
        }
        ctx.status(204);
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new ValidationException("name", "is required (at most 200 characters)");
        }
        return name.strip();
    }
}
