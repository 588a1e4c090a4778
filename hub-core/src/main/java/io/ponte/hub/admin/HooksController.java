package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.hub.ingress.Ingress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/** {@code GET|POST /hooks/{connectionId}}: the public webhook door, authenticated by each provider's own scheme. */
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
            try (MDC.MDCCloseable ignored = MDC.putCloseable("connection", ctx.pathParam("connectionId"))) {
                http.hooksRate(ctx, ctx.pathParam("connectionId"));
                respond(ctx, ingress.handshake(ctx.pathParam("connectionId"), request(ctx, false)));
            }
        });
        config.routes.post("/hooks/{connectionId}", ctx -> {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("connection", ctx.pathParam("connectionId"))) {
                http.hooksRate(ctx, ctx.pathParam("connectionId"));
                respond(ctx, ingress.receive(ctx.pathParam("connectionId"), request(ctx, true)));
            }
        });
    }

    private WebhookRequest request(Context ctx, boolean withBody) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        byte[] body = new byte[0];
        if (withBody) {
            long length = ctx.req().getContentLengthLong();
            if (length > maxBodyBytes) {
                throw new MalformedRequestException(413, "body-too-large", "the body is " + length
                        + " bytes; the limit is " + maxBodyBytes + " (PONTE_HOOKS_MAX_BODY_BYTES)");
            }
            body = ctx.bodyAsBytes();
            if (body.length > maxBodyBytes) {
                throw new MalformedRequestException(413, "body-too-large", "the body is larger than "
                        + maxBodyBytes + " bytes (PONTE_HOOKS_MAX_BODY_BYTES)");
            }
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
            ctx.result(response.body());
        }
    }
}
