package io.ponte.plugins.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.PluginJson;
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

    private static final ConfigSpec CONFIG = ConfigSpec.of(WhatsAppConfig.PHONE_NUMBER_ID,
            WhatsAppConfig.ACCESS_TOKEN, WhatsAppConfig.APP_SECRET, WhatsAppConfig.VERIFY_TOKEN,
            WhatsAppConfig.API_BASE_URL, WhatsAppConfig.MAX_MESSAGES_PER_SECOND);

    private static final JsonNode SEND_SCHEMA = PluginJson.schema("""
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

    private static final JsonNode READ_SCHEMA = PluginJson.schema("""
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
            List.of(new ActionSpec(ActionNames.MESSAGE_SEND,
                            "Sends a WhatsApp message (text, media, location, contacts, reaction, template or reply "
                                    + "buttons) to a contact.", SEND_SCHEMA),
                    new ActionSpec(ActionNames.MESSAGE_READ,
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
        return new WhatsAppConnector(WhatsAppConfig.from(context.config()), context, WhatsAppConnector.TIMEOUT);
    }

}
