package io.ponte.api.webhook;

import java.util.Map;

/**
 * What the hub answers the provider once the request's envelopes are stored.
 *
 * @param status      the HTTP status, 2xx for an accepted request
 * @param contentType the content type of {@code body}, or null without a body
 * @param body        the body, or null
 * @param headers     extra response headers; never null
 */
public record WebhookResponse(int status, String contentType, String body, Map<String, String> headers) {

    /** Copies the headers; null means none. */
    public WebhookResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** 200 with an empty body: what most providers expect. */
    public static WebhookResponse ok() {
        return new WebhookResponse(200, null, null, Map.of());
    }

    /** 200 with a plain-text body (handshake challenges). */
    public static WebhookResponse text(String body) {
        return new WebhookResponse(200, "text/plain; charset=utf-8", body, Map.of());
    }

    /** A status with a JSON body. */
    public static WebhookResponse json(int status, String json) {
        return new WebhookResponse(status, "application/json", json, Map.of());
    }
}
