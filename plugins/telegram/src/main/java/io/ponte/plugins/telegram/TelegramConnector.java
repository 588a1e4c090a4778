package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionTable;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One bot: the webhook receiver for its updates, the actions {@code message.send}, {@code webhook.register} and
 * {@code webhook.info}, the media fetcher for inbound files, a {@code getMe} health check and Telegram's send
 * limits. Holds no mutable state; thread-safe.
 */
public final class TelegramConnector implements Connector {

    /** Telegram's FAQ: about 30 messages a second per bot, and no more than one a second in one chat. */
    static final List<SendRate> SEND_RATES = List.of(SendRate.perSecond(30),
            SendRate.perConversation(1, Duration.ofSeconds(1)));

    private final TelegramConfig config;
    private final String connectionId;
    private final TelegramClient client;
    private final TelegramWebhookReceiver receiver;
    private final ActionTable actions;
    private final TelegramMediaFetcher media;

    /**
     * Opens a bot connection.
     *
     * @param config  the connection's config
     * @param context the connection's context
     */
    public TelegramConnector(TelegramConfig config, ConnectorContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.connectionId = context.connectionId();
        this.client = new TelegramClient(config, context);
        this.receiver = new TelegramWebhookReceiver(config, context.metrics());
        WebhookRegistration registration = new WebhookRegistration(context, config, client);
        this.actions = ActionTable.builder()
                .on(ActionNames.MESSAGE_SEND, new MessageSend(client)::send)
                .on(WebhookRegistration.REGISTER, registration::register)
                .on(WebhookRegistration.INFO, request -> registration.info())
                .build();
        this.media = new TelegramMediaFetcher(client);
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(receiver);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    /** {@code getMe}: UP with the bot's {@code @username}, DOWN with the reason when the call does not work. */
    @Override
    public Health health() {
        ActionResult result = client.call(new BotApiCall("getMe", PluginJson.mapper().createObjectNode()),
                answer -> new ActionResult.Delivered(null, answer.result()));
        return switch (result) {
            case ActionResult.Delivered delivered -> Health.up(name(delivered.output()));
            case ActionResult.Retry retry -> Health.down(retry.reason());
            case ActionResult.Failed failed -> Health.down(failed.reason());
        };
    }

    private String name(JsonNode bot) {
        JsonNode username = bot == null ? null : bot.get("username");
        return username != null && username.isTextual() ? "@" + username.textValue() : "bot " + config.botId();
    }

    @Override
    public List<SendRate> sendRates() {
        return SEND_RATES;
    }

    @Override
    public Optional<MediaFetcher> media() {
        return Optional.of(media);
    }

    @Override
    public String toString() {
        return "TelegramConnector[" + connectionId + ", bot " + config.botId() + "]";
    }
}
