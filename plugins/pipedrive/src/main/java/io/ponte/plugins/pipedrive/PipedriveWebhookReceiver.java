package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The inbound door for Pipedrive's webhooks v2 (one event per request, {@code {meta, data, previous}}). Pipedrive
 * signs nothing: the webhook is created with {@code http_auth_user}/{@code http_auth_password} and every request
 * carries {@code Authorization: Basic ...}, checked here in constant time (split on the first colon only); a missing
 * or wrong one is refused with 401 and nothing is stored. A body that is no v2 event is refused with 400. What the
 * event becomes is {@link WebhookEvents}'s call; an entity the connector does not follow is answered 200 and
 * dropped, since Pipedrive bans a webhook whose first attempts keep failing. Never calls Pipedrive, so it answers
 * within Pipedrive's 10 seconds. Stateless and thread-safe.
 */
final class PipedriveWebhookReceiver implements WebhookReceiver {

    private final byte[] userDigest;
    private final byte[] passwordDigest;
    private final ConnectorMetrics metrics;

    PipedriveWebhookReceiver(PipedriveConfig config, ConnectorMetrics metrics) {
        this.userDigest = sha256(config.webhookUser());
        this.passwordDigest = sha256(config.webhookPassword());
        this.metrics = metrics;
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        try {
            authenticate(request.header("Authorization").orElse(null));
            WebhookResult result = WebhookResult.accepted(WebhookEvents.map(event(request.body())));
            metrics.increment("webhook.accepted");
            return result;
        } catch (WebhookRejectedException e) {
            metrics.increment("webhook.rejected", "status", Integer.toString(e.status()));
            throw e;
        }
    }

    private void authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw WebhookRejectedException.unauthorized("HTTP Basic credentials are missing: create the Pipedrive "
                    + "webhook with http_auth_user and http_auth_password set to this connection's webhookUser and "
                    + "webhookPassword");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.unauthorized("the HTTP Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        // Digests first, so each comparison takes the same time whatever the lengths; both always compared.
        boolean userMatches = MessageDigest.isEqual(userDigest, sha256(user));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest, sha256(password));
        if (!(userMatches & passwordMatches)) {
            throw WebhookRejectedException.unauthorized("the HTTP Basic credentials do not match this connection's "
                    + "webhookUser and webhookPassword");
        }
    }

    private static JsonNode event(byte[] body) {
        JsonNode event;
        try {
            event = PluginJson.mapper().readTree(body);
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        }
        if (event == null || !event.isObject() || !event.path("meta").isObject()) {
            throw WebhookRejectedException.badRequest("the body must be one Pipedrive webhook v2 event "
                    + "{meta, data, previous}");
        }
        JsonNode meta = event.get("meta");
        if (!meta.has("entity") && meta.has("object")) {
            throw WebhookRejectedException.badRequest("this is a webhooks v1 body: create the Pipedrive webhook "
                    + "with version 2.0");
        }
        for (String field : new String[] {"entity", "action", "id"}) {
            JsonNode v = meta.get(field);
            if (v == null || !(v.isTextual() || v.isIntegralNumber()) || v.asText().isBlank()
                    || v.asText().length() > 100) {
                throw WebhookRejectedException.badRequest("meta." + field + " must be a string or an integer");
            }
        }
        return event;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
