package io.ponte.plugins.whatsapp;

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
 * The {@code whatsapp-cloud} connector type: Meta's WhatsApp Business Cloud API. Stateless; opens one
 * {@link WhatsAppConnector} per connection (one business phone number).
 */
@Extension
public final class WhatsAppConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "whatsapp-cloud";

    private static final ConfigSpec CONFIG = ConfigSpec.of(
            ConfigField.required(WhatsAppConfig.PHONE_NUMBER_ID, FieldType.STRING,
                    "The business number's Phone number ID (digits), shown in the App Dashboard under WhatsApp > "
                            + "API Setup; not the phone number itself."),
            ConfigField.required(WhatsAppConfig.ACCESS_TOKEN, FieldType.STRING,
                    "A System User access token with whatsapp_business_messaging (Business Settings > System "
                            + "users > Generate token); the API Setup page's temporary token expires in 24 hours.")
                    .asSecret(),
            ConfigField.required(WhatsAppConfig.APP_SECRET, FieldType.STRING,
                    "The Meta app's App secret (App Dashboard > App settings > Basic), the key of the "
                            + "X-Hub-Signature-256 webhook signature.").asSecret(),
            ConfigField.required(WhatsAppConfig.VERIFY_TOKEN, FieldType.STRING,
                    "Any string you choose and type as the Verify token when you set this connection's webhook URL "
                            + "in the App Dashboard (WhatsApp > Configuration).").asSecret(),
            ConfigField.optional(WhatsAppConfig.API_BASE_URL, FieldType.URL,
                            "The Graph API base URL with its version; change it to move to a newer version.")
                    .withDefault(TextNode.valueOf(WhatsAppConfig.DEFAULT_API_BASE_URL)),
            ConfigField.optional(WhatsAppConfig.MAX_MESSAGES_PER_SECOND, FieldType.INTEGER,
                            "The number's throughput, messages a second the hub keeps to (1 to 1000): Cloud "
                                    + "API's default is 80; set 1000 once Meta has upgraded the number.")
                    .withDefault(IntNode.valueOf(WhatsAppConfig.DEFAULT_MESSAGES_PER_SECOND)));

    private static final JsonNode SEND_SCHEMA = ActionSpec.schema("""
            {"type":"object","required":["to"],
             "properties":{
               "to":{"type":"string","description":"The contact's WhatsApp id (wa_id) or phone number in E.164."},
               "text":{"type":"string","maxLength":4096,"description":"Plain text, used when content is absent."},
               "content":{"type":"object","description":"Normalized Content JSON (kind text, media, location, contacts, reaction or template); wins over text."},
               "replyTo":{"type":"string","description":"The wamid of a message to quote."},
               "buttons":{"type":"array","maxItems":10,"items":{"type":"object","required":["id","title"],
                 "properties":{"id":{"type":"string"},"title":{"type":"string"}}},
                 "description":"Up to 3 become reply buttons (titles up to 20 characters), 4 to 10 a list (titles up to 24)."},
               "buttonText":{"type":"string","maxLength":20,"description":"The list's button label; default Options."},
               "previewUrl":{"type":"boolean","description":"Render a link preview for the first URL in text."},
               "conversation":{"type":"string","description":"Informational; ignored."}}}
            """);

    private static final JsonNode READ_SCHEMA = ActionSpec.schema("""
            {"type":"object",
             "properties":{
               "messageId":{"type":"string","description":"The wamid of the contact's message; defaults to the causing inbound message."}}}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.CHANNEL,
            "WhatsApp (Cloud API)",
            "Receives WhatsApp messages and delivery statuses of one business number through Meta's webhooks and "
                    + "sends text, media, locations, contacts, reactions, templates and reply buttons.",
            CONFIG,
            List.of(EnvelopeTypes.MESSAGE_INBOUND, EnvelopeTypes.MESSAGE_STATUS, WhatsAppWebhookReceiver.ERROR_TYPE),
            List.of(new ActionSpec(MessageSend.SEND,
                            "Sends a WhatsApp message (text, media, location, contacts, reaction, template or reply "
                                    + "buttons) to a contact.", SEND_SCHEMA),
                    new ActionSpec(MessageSend.READ,
                            "Marks a contact's message as read (blue ticks).", READ_SCHEMA)));

    /** For PF4J. */
    public WhatsAppConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Connector open(ConnectorContext context) {
        WhatsAppConfig config = WhatsAppConfig.from(context.config());
        return new WhatsAppConnector(config, context,
                new HttpWhatsAppClient(context.httpClient(), config, HttpWhatsAppClient.DEFAULT_TIMEOUT));
    }

}
