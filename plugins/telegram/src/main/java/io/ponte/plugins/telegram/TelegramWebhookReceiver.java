package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The inbound door of a bot: checks {@value #SECRET_HEADER} against the configured secret token, reads the one
 * {@code Update} Telegram sends per request and maps it (see {@link UpdateMapper}). For a pressed inline button it
 * answers the callback query in the response itself ({@code {"method":"answerCallbackQuery",...}}, which Telegram
 * executes), so the user's client stops showing a spinner without a call from here. Stateless and thread-safe;
 * never calls Telegram.
 */
final class TelegramWebhookReceiver implements WebhookReceiver {

    /** The header Telegram sets to the {@code secret_token} given to {@code setWebhook}. */
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final byte[] secretDigest;
    private final ConnectorMetrics metrics;

    TelegramWebhookReceiver(TelegramConfig config, ConnectorMetrics metrics) {
        this.secretDigest = sha256(config.secretToken());
        this.metrics = metrics;
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        try {
            authenticate(request);
            UpdateMapper.Mapped mapped = UpdateMapper.map(update(request.body()));
            // webhook.accepted carries the same tags in every plugin (Prometheus keeps one tag set per name), so the
            // kind of update is counted on a name of its own
            metrics.increment("webhook.accepted");
            metrics.increment("webhook.updates", "kind", mapped.draft().attributes().getOrDefault("updateKind", ""));
            WebhookResponse response = mapped.callbackQueryId() == null ? WebhookResponse.ok()
                    : WebhookResponse.json(200, answerCallbackQuery(mapped.callbackQueryId()));
            return new WebhookResult(List.of(mapped.draft()), response);
        } catch (WebhookRejectedException e) {
            metrics.increment("webhook.rejected", "status", Integer.toString(e.status()));
            throw e;
        }
    }

    private void authenticate(WebhookRequest request) {
        String given = request.header(SECRET_HEADER).orElse(null);
        if (given == null) {
            throw WebhookRejectedException.unauthorized(SECRET_HEADER + " is missing: register the webhook with "
                    + "this connection's webhook.register action so Telegram sends the secret token");
        }
        // Digests first, so the comparison takes the same time whatever the lengths.
        if (!MessageDigest.isEqual(secretDigest, sha256(given))) {
            throw WebhookRejectedException.unauthorized(SECRET_HEADER + " does not match this connection's "
                    + "secretToken");
        }
    }

    private static JsonNode update(byte[] body) {
        JsonNode update;
        try {
            update = PluginJson.mapper().readTree(body);
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        }
        if (update == null || !update.isObject()) {
            throw WebhookRejectedException.badRequest("the body must be one Telegram Update object");
        }
        if (!update.path("update_id").isIntegralNumber()) {
            throw WebhookRejectedException.badRequest("update_id must be an integer");
        }
        return update;
    }

    private static String answerCallbackQuery(String callbackQueryId) {
        ObjectNode answer = PluginJson.mapper().createObjectNode();
        answer.put("method", "answerCallbackQuery");
        answer.put("callback_query_id", callbackQueryId);
        return answer.toString();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
