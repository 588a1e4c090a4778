package io.ponte.hub.admin;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.ingress.ConnectorFailedException;
import io.ponte.hub.ingress.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception → problem+json mapping table. Every error response of the hub goes through here, so every
 * error has a stable {@code type}, a status and a detail that says what to do next.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    public static void register(JavalinConfig config, long maxBodyBytes) {
        config.routes.exception(ValidationException.class, (e, ctx) -> send(ctx,
                new Problem("urn:ponte:problem:validation", "Invalid request", 400, e.getMessage(), ctx.path(),
                        e.errors())));
        config.routes.exception(MalformedRequestException.class, (e, ctx) ->
                send(ctx, Problem.of(e.slug(), e.status() == 400 ? "Malformed request" : title(e.status()), e.status(),
                        e.getMessage(), ctx.path())));
        config.routes.exception(NotFoundException.class, (e, ctx) ->
                send(ctx, Problem.of("not-found", "Not found", 404, e.getMessage(), ctx.path())));
        config.routes.exception(ConflictException.class, (e, ctx) ->
                send(ctx, Problem.of("conflict", "Conflict", 409, e.getMessage(), ctx.path())));
        config.routes.exception(ForbiddenException.class, (e, ctx) ->
                send(ctx, Problem.of("forbidden", "Forbidden", 403, e.getMessage(), ctx.path())));
        config.routes.exception(RateLimitedException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            send(ctx, Problem.of("rate-limited", "Too many requests", 429, e.getMessage(), ctx.path()));
        });
        config.routes.exception(UnauthorizedException.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Bearer realm=\"ponte\"");
            send(ctx, Problem.of("unauthorized", "Unauthorized", 401, e.getMessage(), ctx.path()));
        });
        config.routes.exception(WebhookRejectedException.class, (e, ctx) ->
                send(ctx, Problem.of("webhook-rejected", "Webhook rejected", e.status(), e.getMessage(), ctx.path())));
        config.routes.exception(UnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            send(ctx, Problem.of("unavailable", "Service unavailable", 503, e.getMessage(), ctx.path()));
        });
        config.routes.exception(ConnectorFailedException.class, (e, ctx) -> {
            LOG.error("{} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e.getCause());
            send(ctx, Problem.of("connector-failed", "Connector failed", 500,
                    e.getMessage() + "; see the hub log", ctx.path()));
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, Problem.of(slug(e.getStatus()),
                title(e.getStatus()), e.getStatus(), e.getStatus() == 413
                        ? "the body is larger than " + maxBodyBytes + " bytes (PONTE_HTTP_MAX_BODY_BYTES for the admin "
                        + "API, PONTE_HOOKS_MAX_BODY_BYTES for webhooks)"
                        : e.getMessage(), ctx.path())));
        // anything else, an IllegalArgumentException included, is the hub's own failure: its text stays in the log
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (io.ponte.hub.storage.Database.unreachable(e)) {
                // a restart or failover of the database: the pool replaces the connection, the client tries again
                LOG.warn("{} {}: the database connection was lost: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", "1");
                send(ctx, Problem.of("unavailable", "Service unavailable", 503,
                        "the database connection was lost (restart or failover); try again", ctx.path()));
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            send(ctx, Problem.of("internal", "Internal error", 500,
                    "the hub failed on this request; see the hub log", ctx.path()));
        });
    }

    static void send(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(CONTENT_TYPE).result(json(problem));
    }

    static String json(Problem problem) {
        try {
            return HubJson.mapper().writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + problem.status() + "}";
        }
    }

    static String slug(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "body-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 431 -> "headers-too-large";
            case 400 -> "bad-request";
            default -> "http-" + status;
        };
    }

    static String title(int status) {
        return switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request body too large";
            case 414 -> "URI too long";
            case 415 -> "Unsupported media type";
            case 431 -> "Request headers too large";
            case 400 -> "Bad request";
            default -> "HTTP " + status;
        };
    }
}
