package io.ponte.hub.admin;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.ponte.hub.storage.AuditRow;
import io.ponte.hub.storage.AuditStore;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: every admin mutation (POST, PUT, PATCH, DELETE under {@code /api/}) is recorded after it ran with the
 * key that made it, the route, the target id and the status; bodies never (so secrets never). {@code GET
 * /api/v1/audit} lists it.
 */
final class AuditController {

    private static final Logger LOG = LoggerFactory.getLogger(AuditController.class);
    private static final Set<HandlerType> MUTATIONS = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private final AuditStore audit;
    private final Clock clock;

    AuditController(AuditStore audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** One entry as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AuditView(String id, String key, String action, String target, int status, Instant at) {
        static AuditView of(AuditRow r) {
            return new AuditView(r.id(), r.keyId(), r.action(), r.target(), r.status(), Instant.ofEpochMilli(r.at()));
        }
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/audit", ctx -> {
            Page<AuditRow> page = audit.list(Access.tenantFilter(ctx), ctx.queryParam("key"), ctx.queryParam("target"),
                    ctx.queryParam("cursor"), Requests.limit(ctx));
            ctx.json(new ListResponse<>(page.items().stream().map(AuditView::of).toList(), page.nextCursor()));
        });
        config.routes.after("/api/*", this::record);
    }

    private void record(Context ctx) {
        io.ponte.hub.security.Principal who = ctx.attribute(Access.ATTRIBUTE);
        if (who == null || !MUTATIONS.contains(ctx.method())) {
            return;
        }
        try {
            audit.append(new AuditRow(Ids.next("aud"), who.keyId(), who.tenant(), ctx.method().name() + " " + route(ctx),
                    target(ctx),
                    ctx.statusCode(), clock.millis()));
        } catch (RuntimeException e) {
            // the change itself is done; losing its audit entry must be loud, not fatal
            LOG.error("could not write the audit entry of {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        }
    }

    /** The route that handled the request (its template), or the path when none matched. */
    private static String route(Context ctx) {
        io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? ctx.path() : matched.path;
    }

    /** The path's {@code {id}}, or for a creation the new object's id. */
    private static String target(Context ctx) {
        String[] template = route(ctx).split("/");
        String[] path = ctx.path().split("/");
        for (int i = 0; i < template.length && i < path.length; i++) {
            if (template[i].equals("{id}")) {
                return path[i];
            }
        }
        if (ctx.statusCode() == 201 || ctx.statusCode() == 202) {
            try {
                String body = ctx.result();
                JsonNode node = body == null ? null : HubJson.mapper().readTree(body);
                JsonNode created = node == null ? null : node.has("id") ? node.get("id") : node.get("event");
                return created != null && created.isTextual() ? created.textValue() : null;
            } catch (Exception e) {
                return null;
            }
        }
        return null;
    }
}
