package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.PluginJson;
import io.ponte.kit.WebhookSecret;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code telegram} connector type: a Telegram bot through the Bot API. Stateless; opens one
 * {@link TelegramConnector} per connection.
 */
@Extension
public final class TelegramConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "telegram";

    private static final ConfigSpec CONFIG = ConfigSpec.of(TelegramConfig.BOT_TOKEN, TelegramConfig.SECRET_TOKEN,
            TelegramConfig.API_BASE_URL, TelegramConfig.TIMEOUT_SECONDS);

    private static final JsonNode SEND_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["to"],
             "properties":{
               "to":{"type":["string","integer"],"description":"The chat id (negative for groups) or @channelusername."},
               "text":{"type":"string","maxLength":4096,"description":"Plain text, used when content is absent."},
               "content":{"type":"object","description":"Normalized Content JSON (kind text, media, location, contacts or reaction); wins over text."},
               "replyTo":{"type":["string","integer"],"description":"The message_id to quote."},
               "buttons":{"type":"array","maxItems":100,"description":"Inline keyboard buttons, one per row; the pick comes back as an interactive_reply with the button's id.",
                 "items":{"type":"object","required":["id","title"],"properties":{
                   "id":{"type":"string","description":"callback_data, at most 64 bytes."},
                   "title":{"type":"string"}}}},
               "parseMode":{"enum":["MarkdownV2","HTML","Markdown"]},
               "replyMarkup":{"type":"object","description":"A raw Telegram reply_markup (instead of buttons)."},
               "disableNotification":{"type":"boolean"},
               "protectContent":{"type":"boolean"},
               "messageThreadId":{"type":"integer","description":"The forum topic to post in."},
               "conversation":{"type":"string","description":"Informational; ignored."}}}
            """);

    private static final JsonNode REGISTER_SCHEMA = PluginJson.schema("""
            {"type":"object",
             "properties":{
               "dropPendingUpdates":{"type":"boolean","description":"Discard the updates Telegram queued meanwhile."},
               "maxConnections":{"type":"integer","minimum":1,"maximum":100}}}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.CHANNEL,
            "Telegram bot",
            "Receives a Telegram bot's messages, edits, channel posts and button presses through its webhook, and "
                    + "sends text, media, locations, contacts, buttons and reactions through the Bot API.",
            CONFIG,
            List.of(EnvelopeTypes.MESSAGE_INBOUND, UpdateMapper.TELEGRAM_UPDATE),
            List.of(new ActionSpec(ActionNames.MESSAGE_SEND, "Sends a message to a Telegram chat.", SEND_SCHEMA),
                    new ActionSpec(WebhookRegistration.REGISTER,
                            "Points the bot's webhook at this connection (setWebhook with the secret token).",
                            REGISTER_SCHEMA),
                    new ActionSpec(WebhookRegistration.INFO,
                            "Shows Telegram's view of the webhook (getWebhookInfo): URL, pending updates, last error.",
                            null)));

    /** For PF4J. */
    public TelegramConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Refuses a {@code secretToken} shorter than {@value WebhookSecret#MIN_LENGTH} characters on save only: it alone
     * authenticates updates, and a connection saved with a shorter one before this rule keeps running.
     */
    @Override
    public List<ConfigError> validate(ConnectorContext context) {
        return WebhookSecret.check(TelegramConfig.SECRET_TOKEN.name(),
                context.config().string(TelegramConfig.SECRET_TOKEN)).stream().toList();
    }

    /** @throws io.ponte.api.config.ConfigException when the base URL has a query */
    @Override
    public Connector open(ConnectorContext context) {
        return new TelegramConnector(TelegramConfig.from(context.config()), context);
    }

}
