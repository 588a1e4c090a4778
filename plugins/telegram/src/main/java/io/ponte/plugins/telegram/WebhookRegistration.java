package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The {@code webhook.register} action ({@code setWebhook} with this connection's hub URL, the secret token and the
 * update kinds the connector reads) and {@code webhook.info} ({@code getWebhookInfo}). Thread-safe.
 */
final class WebhookRegistration {

    /** The register action's name (Telegram's own, not one of the hub's shared actions). */
    static final String REGISTER = "webhook.register";
    /** The info action's name. */
    static final String INFO = "webhook.info";
    /** The update kinds asked for: the ones {@link UpdateMapper} reads. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "channel_post",
            "edited_channel_post", "callback_query");

    private final ConnectorContext context;
    private final TelegramConfig config;
    private final TelegramClient client;

    WebhookRegistration(ConnectorContext context, TelegramConfig config, TelegramClient client) {
        this.context = context;
        this.config = config;
        this.client = client;
    }

    ActionResult register(ActionRequest request) {
        Optional<URI> url = context.webhookUrl();
        if (url.isEmpty()) {
            return ActionResult.failed(REGISTER + ": the hub has no public URL; set PONTE_PUBLIC_URL to the https "
                    + "address Telegram can reach, then run " + REGISTER + " again");
        }
        JsonNode input = request.input();
        ObjectNode p = PluginJson.mapper().createObjectNode();
        p.put("url", url.get().toString());
        p.put("secret_token", config.secretToken());
        ALLOWED_UPDATES.forEach(p.putArray("allowed_updates")::add);
        JsonNode drop = input.path("dropPendingUpdates");
        if (!drop.isMissingNode() && !drop.isNull()) {
            if (!drop.isBoolean()) {
                return ActionResult.failed(REGISTER + ": dropPendingUpdates must be true or false");
            }
            p.put("drop_pending_updates", drop.booleanValue());
        }
        JsonNode max = input.path("maxConnections");
        if (!max.isMissingNode() && !max.isNull()) {
            if (!max.isIntegralNumber() || max.intValue() < 1 || max.intValue() > 100) {
                return ActionResult.failed(REGISTER + ": maxConnections must be an integer from 1 to 100");
            }
            p.put("max_connections", max.intValue());
        }
        return client.call(new BotApiCall("setWebhook", p), TelegramClient::wholeAnswer);
    }

    ActionResult info() {
        return client.call(new BotApiCall("getWebhookInfo", PluginJson.mapper().createObjectNode()),
                answer -> new ActionResult.Delivered(null, answer.result()));
    }
}
