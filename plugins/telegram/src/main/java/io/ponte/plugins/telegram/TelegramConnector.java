package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.message.MessageJson;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.plugins.telegram.model.BotApiAnswer;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.io.IOException;
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
    private final MessageSend messageSend;
    private final WebhookRegistration registration;
    private final TelegramMediaFetcher media;

    /**
     * Opens a bot connection.
     *
     * @param config  the validated config
     * @param context the connection's context
     * @param client  the Bot API client
     */
    public TelegramConnector(TelegramConfig config, ConnectorContext context, TelegramClient client) {
        this.config = Objects.requireNonNull(config, "config");
        this.connectionId = context.connectionId();
        this.client = Objects.requireNonNull(client, "client");
        CallOutcomes outcomes = new CallOutcomes(client, context);
        this.receiver = new TelegramWebhookReceiver(config, context.metrics());
        this.messageSend = new MessageSend(outcomes);
        this.registration = new WebhookRegistration(context, config, outcomes);
        this.media = new TelegramMediaFetcher(client, outcomes);
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(receiver);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return switch (request.action()) {
            case MessageSend.ACTION -> messageSend.send(request);
            case WebhookRegistration.REGISTER -> registration.register(request);
            case WebhookRegistration.INFO -> registration.info();
            default -> ActionResult.failed("the telegram connector offers no action " + request.action()
                    + "; it offers " + MessageSend.ACTION + ", " + WebhookRegistration.REGISTER + " and "
                    + WebhookRegistration.INFO);
        };
    }

    /** {@code getMe}: UP with the bot's {@code @username}, DOWN when the token is refused or Telegram unreachable. */
    @Override
    public Health health() {
        try {
            BotApiAnswer answer = client.call(new BotApiCall("getMe", MessageJson.mapper().createObjectNode()));
            if (answer.ok()) {
                JsonNode username = answer.result() == null ? null : answer.result().get("username");
                return Health.up(username != null && username.isTextual() ? "@" + username.textValue()
                        : "bot " + config.botId());
            }
            return Health.down(answer.errorCode() == 401 ? CallOutcomes.TOKEN_REFUSED : "getMe: " + answer.reason());
        } catch (IOException e) {
            return Health.down(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("getMe: interrupted");
        } catch (RuntimeException e) {
            return Health.down("getMe failed: " + e.getClass().getSimpleName());
        }
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
