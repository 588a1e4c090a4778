package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.FieldType;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeTypes;
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

    private static final ConfigSpec CONFIG = ConfigSpec.of(
            ConfigField.required(TelegramConfig.BOT_TOKEN, FieldType.STRING,
                    "The bot's token from @BotFather (/newbot or /token), like 123456789:AAE...").asSecret(),
            ConfigField.required(TelegramConfig.SECRET_TOKEN, FieldType.STRING,
                    "A random string of 32-256 characters (A-Z a-z 0-9 _ -, e.g. openssl rand -hex 32) that "
                            + "webhook.register gives Telegram; "
                            + "Telegram sends it back with every update, and updates without it are refused.")
                    .asSecret(),
            ConfigField.optional(TelegramConfig.API_BASE_URL, FieldType.URL,
                            "The Bot API server; change it only for a self-hosted Bot API server or a test fake.")
                    .withDefault(TextNode.valueOf(TelegramConfig.DEFAULT_API_BASE_URL)),
            ConfigField.optional(TelegramConfig.TIMEOUT_SECONDS, FieldType.INTEGER,
                            "How long one Bot API call may wait for Telegram's answer, in seconds (1 to "
                                    + TelegramConfig.MAX_TIMEOUT_SECONDS + ").")
                    .withDefault(IntNode.valueOf(TelegramConfig.DEFAULT_TIMEOUT_SECONDS)));

    private static final JsonNode SEND_SCHEMA = ActionSpec.schema("""
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

    private static final JsonNode REGISTER_SCHEMA = ActionSpec.schema("""
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
            List.of(new ActionSpec(MessageSend.ACTION, "Sends a message to a Telegram chat.", SEND_SCHEMA),
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

    @Override
    public Connector open(ConnectorContext context) {
        TelegramConfig config = TelegramConfig.from(context.config());
        return new TelegramConnector(config, context, new HttpTelegramClient(context.httpClient(), config));
    }

}
