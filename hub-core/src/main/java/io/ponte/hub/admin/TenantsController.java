package io.ponte.hub.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.security.ApiKeys;
import io.ponte.hub.storage.ApiKeyRow;
import io.ponte.hub.storage.TenantRow;
import io.ponte.hub.tenants.TenantService;
import java.time.Instant;
import java.util.List;

/** {@code /api/v1/tenants} and {@code /api/v1/api-keys}: who the hub serves and who may call it. Admin scope only. */
final class TenantsController {

    private final TenantService tenants;

    TenantsController(TenantService tenants) {
        this.tenants = tenants;
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
            ctx.json(new ListResponse<>(tenants.list().stream().map(TenantView::of).toList(), null));
        });
        config.routes.get("/api/v1/tenants/{id}", ctx -> ctx.json(TenantView.of(tenant(ctx))));
        config.routes.put("/api/v1/tenants/{id}", this::renameTenant);
        config.routes.delete("/api/v1/tenants/{id}", this::deleteTenant);
        config.routes.post("/api/v1/api-keys", this::createKey);
        config.routes.get("/api/v1/api-keys", ctx -> {
            Access.admin(ctx);
            ctx.json(new ListResponse<>(tenants.keys(ctx.queryParam("tenant")).stream().map(k -> KeyView.of(k, null))
                    .toList(), null));
        });
        config.routes.delete("/api/v1/api-keys/{id}", this::revokeKey);
    }

    private TenantRow tenant(Context ctx) {
        Access.admin(ctx);
        return tenants.get(ctx.pathParam("id"));
    }

    private void createTenant(Context ctx) {
        Access.admin(ctx);
        ctx.status(201).json(TenantView.of(tenants.create(Requests.body(ctx, TenantRequest.class).name())));
    }

    private void renameTenant(Context ctx) {
        TenantRow t = tenant(ctx);
        ctx.json(TenantView.of(tenants.rename(t.id(), Requests.body(ctx, TenantRequest.class).name())));
    }

    /** {@code ?force=true} deletes what the tenant owns with it (see {@link TenantService#delete}). */
    private void deleteTenant(Context ctx) {
        TenantRow t = tenant(ctx);
        tenants.delete(t.id(), "true".equals(ctx.queryParam("force")));
        ctx.status(204);
    }

    private void createKey(Context ctx) {
        Access.admin(ctx);
        KeyRequest r = Requests.body(ctx, KeyRequest.class);
        ApiKeys.Created created = tenants.createKey(r.name(), r.tenant(), r.role(), r.expiresAt());
        ctx.status(201).json(KeyView.of(created.row(), created.token()));
    }

    /** An API key by id, or {@code bootstrap}: the bootstrap token ({@code PONTE_ADMIN_TOKEN}), retired for good. */
    private void revokeKey(Context ctx) {
        Access.admin(ctx);
        tenants.revokeKey(ctx.pathParam("id"));
        ctx.status(204);
    }
}
