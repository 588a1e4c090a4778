package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.hub.ingress.Ingress;
import io.ponte.hub.ingress.NoWebhookException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * {@code GET|POST /hooks/{connectionId}}: the public webhook door, authenticated by each provider's own scheme.
 *
 * <p>Order of checks: the body is read through a stream bounded at {@code PONTE_HOOKS_MAX_BODY_BYTES}; the
 * connection's receiver verifies the request; only an authentic request spends the connection's rate
 * ({@code PONTE_RATE_LIMIT_HOOKS}), so forged traffic cannot starve a provider's real deliveries. Requests that fail
 * authenticity, or name no open webhook, spend their client address's budget of failures instead (then 429).
 */
final class HooksController {

    private final Ingress ingress;
    private final HttpPolicy http;
    private final long maxBodyBytes;

    HooksController(Ingress ingress, HttpPolicy http) {
        this.ingress = ingress;
        this.http = http;
        this.maxBodyBytes = http.hooksMaxBodyBytes();
    }

    void register(JavalinConfig config) {
        config.routes.get("/hooks/{connectionId}", ctx -> {
            String id = ctx.pathParam("connectionId");
            try (MDC.MDCCloseable ignored = MDC.putCloseable("connection", id)) {
                WebhookRequest request = request(ctx, new byte[0]);
                WebhookResponse response = authentic(ctx, () -> ingress.handshake(id, request));
                http.hooksRate(ctx, id);
                respond(ctx, response);
            }
        });
        config.routes.post("/hooks/{connectionId}", ctx -> {
            String id = ctx.pathParam("connectionId");
            try (MDC.MDCCloseable ignored = MDC.putCloseable("connection", id)) {
                WebhookRequest request = request(ctx, body(ctx));
                respond(ctx, authentic(ctx, () -> ingress.receive(id, request, () -> http.hooksRate(ctx, id))));
            }
        });
    }

    /** Runs the receiver; a request it refuses as not authentic (401, 403), or that finds no webhook, is counted. */
    private WebhookResponse authentic(Context ctx, Supplier<WebhookResponse> call) {
        try {
            return call.get();
        } catch (WebhookRejectedException e) {
            if (e.status() == 401 || e.status() == 403) {
                http.failedAuthentication(ctx);
            }
            throw e;
        } catch (NoWebhookException e) {
            http.failedAuthentication(ctx);
            throw e;
        }
    }

    /** The body, read through a stream that stops at the limit: a chunked body without a length cannot exceed it. */
    private byte[] body(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBodyBytes) {
            throw tooLarge("the body is " + length + " bytes; the limit is " + maxBodyBytes);
        }
        byte[] body;
        try {
            InputStream in = ctx.req().getInputStream();
            if (length >= 0) {
                // a declared length (at most the limit, checked above) is read as such: readNBytes(limit + 1)
                // allocates its chunks (16 KiB each) and a copy for every body, however small. Then the end of the
                // body is read too, as before, so the server sees the request consumed and keeps the connection.
                body = in.readNBytes((int) length);
                if (body.length < length || in.read() != -1) {
                    throw new IOException("the body does not match its Content-Length");
                }
            } else {
                body = in.readNBytes((int) maxBodyBytes + 1);
            }
        } catch (IOException e) {
            throw new MalformedRequestException(400, "malformed-body", "the request body could not be read to its "
                    + "end");
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge("the body is larger than " + maxBodyBytes + " bytes");
        }
        return body;
    }

    private MalformedRequestException tooLarge(String what) {
        return new MalformedRequestException(413, "body-too-large", what + " (PONTE_HOOKS_MAX_BODY_BYTES)");
    }

    private static WebhookRequest request(Context ctx, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        return new WebhookRequest(ctx.method().name(), headers, ctx.queryParamMap(), body);
    }

    private static void respond(Context ctx, WebhookResponse response) {
        ctx.status(response.status());
        response.headers().forEach(ctx::header);
        if (response.body() != null) {
            if (response.contentType() != null) {
                ctx.contentType(response.contentType());
            }
            // written here, not through ctx.result: Javalin copies a result through a fresh 8 KiB buffer per
            // response, which was 6 % of the hub's allocation under load
            byte[] bytes = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ctx.res().setContentLength(bytes.length);
            try {
                ctx.res().getOutputStream().write(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the webhook's answer could not be written", e);
            }
        }
    }
}
