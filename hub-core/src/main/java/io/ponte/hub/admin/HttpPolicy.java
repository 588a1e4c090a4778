package io.ponte.hub.admin;

import io.javalin.http.Context;
import io.ponte.hub.config.HubConfig;
import io.ponte.hub.limits.RequestRateLimiter;
import java.util.List;

/**
 * What every HTTP request is held to: body limits per route class (admin API, webhooks), request rates per admin
 * token and per webhook connection (429 with {@code Retry-After} and {@code RateLimit-*} headers), failed
 * authentications per client address, security headers, CORS (off unless origins are configured), and whether plugin
 * uploads are taken at all ({@code PONTE_PLUGINS_UPLOAD}).
 */
public final class HttpPolicy {

    private final long adminMaxBodyBytes;
    private final long hooksMaxBodyBytes;
    private final long pluginMaxBytes;
    private final RequestRateLimiter admin;
    private final RequestRateLimiter hooks;
    private final List<String> corsOrigins;
    private final boolean pluginUploads;
    private final io.ponte.hub.security.TrustedProxies proxies;
    // failed authentications per client address: guessing tokens or forging webhooks gets slow long before it could
    // succeed
    private final RequestRateLimiter failures = new RequestRateLimiter(FAILED_AUTH_PER_MINUTE, java.time.Duration.ofMinutes(1));
    static final int FAILED_AUTH_PER_MINUTE = 30;
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
            + "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    public HttpPolicy(long adminMaxBodyBytes, long hooksMaxBodyBytes, long pluginMaxBytes, RequestRateLimiter admin,
                      RequestRateLimiter hooks, List<String> corsOrigins, boolean pluginUploads,
                      io.ponte.hub.security.TrustedProxies proxies) {
        this.adminMaxBodyBytes = adminMaxBodyBytes;
        this.hooksMaxBodyBytes = hooksMaxBodyBytes;
        this.pluginMaxBytes = pluginMaxBytes;
        this.admin = admin;
        this.hooks = hooks;
        this.corsOrigins = List.copyOf(corsOrigins);
        this.pluginUploads = pluginUploads;
        this.proxies = proxies;
    }

    /**
     * @param nodes how many nodes share the request limits now (each keeps its share)
     */
    public static HttpPolicy from(HubConfig config, java.util.function.IntSupplier nodes) {
        return new HttpPolicy(config.maxBodyBytes(), config.hooksMaxBodyBytes(), config.pluginMaxBytes(),
                limiter(config.adminRate(), nodes),
                limiter(config.hooksRate(), nodes), config.corsOrigins(), config.pluginsUpload(),
                io.ponte.hub.security.TrustedProxies.of(config.trustedProxies()));
    }

    private static RequestRateLimiter limiter(HubConfig.Rate rate, java.util.function.IntSupplier nodes) {
        return rate.permits() == 0 ? RequestRateLimiter.off()
                : new RequestRateLimiter(rate.permits(), rate.per(), nodes);
    }

    /**
     * The server's own cap on a body read whole: the admin API's limit. Webhooks read theirs through a stream bounded
     * at their own limit, plugin uploads through the multipart limits, so nothing else needs a larger cap.
     */
    long maxRequestBytes() {
        return adminMaxBodyBytes;
    }

    long pluginMaxBytes() {
        return pluginMaxBytes;
    }

    /** Whether plugins may be installed through the API ({@code PONTE_PLUGINS_UPLOAD}). */
    boolean pluginUploads() {
        return pluginUploads;
    }

    long hooksMaxBodyBytes() {
        return hooksMaxBodyBytes;
    }

    /**
     * Headers on every response; the docs page may run its own script, the console its own modules, styles and
     * media previews (blob URLs), all from this origin and nothing inline.
     */
    void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", ctx.path().startsWith("/docs")
                ? "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
                : ctx.path().equals("/console") || ctx.path().startsWith("/console/") ? CONSOLE_CSP
                : "default-src 'none'; frame-ancestors 'none'");
    }

    /** Whether browser pages of {@code origin} may call the hub ({@code PONTE_CORS_ORIGINS}). */
    boolean allowsOrigin(String origin) {
        return corsOrigins.contains(origin) || corsOrigins.contains("*");
    }

    /** CORS for the admin API: only configured origins, credentials never (the token is a header). */
    void cors(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !(corsOrigins.contains(origin) || corsOrigins.contains("*"))) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", corsOrigins.contains("*") ? "*" : origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Expose-Headers", "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, "
                + "Retry-After, Location");
    }

    /**
     * Answers an OPTIONS request: without an {@code Origin} it is no CORS preflight, so 204 with the path's methods in
     * {@code Allow} (404 for an unknown path); a preflight of an allowed origin gets 204, of another origin 403.
     */
    void preflight(Context ctx, List<String> methods) {
        if (methods.isEmpty()) {
            throw new io.javalin.http.NotFoundResponse("Endpoint OPTIONS " + ctx.path() + " not found");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            ctx.header("Allow", String.join(", ", methods));
            ctx.status(204);
            return;
        }
        if (!(corsOrigins.contains(origin) || corsOrigins.contains("*"))) {
            throw new ForbiddenException("CORS is not allowed for the origin " + origin + " (PONTE_CORS_ORIGINS)");
        }
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    /** The admin body limit, checked before any handler reads the body; plugin uploads unless turned off. */
    void adminBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (ctx.path().equals("/api/v1/plugins") && ctx.method() == io.javalin.http.HandlerType.POST) {
            if (!pluginUploads) {
                throw new ForbiddenException("installing plugins through the API is turned off on this hub "
                        + "(PONTE_PLUGINS_UPLOAD=off): put the plugin file into the plugins dir and restart");
            }
            if (length > pluginMaxBytes + 65_536) {
                throw new MalformedRequestException(413, "body-too-large", "the upload is larger than "
                        + pluginMaxBytes + " bytes (PONTE_PLUGIN_MAX_BYTES)");
            }
            return;
        }
        if (length > adminMaxBodyBytes || (length < 0 && ctx.bodyAsBytes().length > adminMaxBodyBytes)) {
            throw new MalformedRequestException(413, "body-too-large", "the body is larger than " + adminMaxBodyBytes
                    + " bytes, the admin API's limit (PONTE_HTTP_MAX_BODY_BYTES)");
        }
    }

    /** Counts one admin request of the token identified by {@code keyId}. */
    void adminRate(Context ctx, String keyId) {
        limit(ctx, admin, "admin:" + keyId, "this API key made too many requests (PONTE_RATE_LIMIT_ADMIN)");
    }

    /**
     * Counts a failed authentication from the client's address (a refused token, a webhook that is not authentic or
     * finds no webhook); past {@value #FAILED_AUTH_PER_MINUTE} a minute the answer is 429 instead. Requests that pass
     * never consult this budget, so failures from a shared address cannot block its good traffic.
     */
    void failedAuthentication(Context ctx) {
        RequestRateLimiter.Decision d = failures.check("ip:" + proxies.client(ctx.ip(),
                ctx.header("X-Forwarded-For")), System.nanoTime());
        if (!d.allowed()) {
            throw new RateLimitedException("too many refused tokens from this address; retry in "
                    + d.retryAfterSeconds() + " s", d.retryAfterSeconds());
        }
    }

    /** Counts one webhook request to a connection. */
    void hooksRate(Context ctx, String connectionId) {
        limit(ctx, hooks, "hooks:" + connectionId, "too many webhook requests to this connection "
                + "(PONTE_RATE_LIMIT_HOOKS)");
    }

    private static void limit(Context ctx, RequestRateLimiter limiter, String key, String why) {
        if (!limiter.enabled()) {
            return;
        }
        RequestRateLimiter.Decision d = limiter.check(key, System.nanoTime());
        ctx.header("RateLimit-Limit", Integer.toString(d.limit()));
        ctx.header("RateLimit-Remaining", Integer.toString(d.remaining()));
        ctx.header("RateLimit-Reset", Long.toString(d.resetSeconds()));
        if (!d.allowed()) {
            throw new RateLimitedException(why + "; retry in " + d.retryAfterSeconds() + " s", d.retryAfterSeconds());
        }
    }
}
