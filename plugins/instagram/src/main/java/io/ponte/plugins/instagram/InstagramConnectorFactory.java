package io.ponte.plugins.instagram;

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
 * The {@code instagram} connector type: Instagram Direct messages of one Instagram professional account through
 * Meta's messaging webhooks and Send API. Stateless; opens one {@link InstagramConnector} per connection.
 */
@Extension
public final class InstagramConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "instagram";

    private static final ConfigSpec CONFIG = ConfigSpec.of(InstagramConfig.IG_USER_ID,
            InstagramConfig.ACCESS_TOKEN, InstagramConfig.APP_SECRET, InstagramConfig.VERIFY_TOKEN,
            InstagramConfig.API_BASE_URL, InstagramConfig.IG_ACCOUNT_ID);

    private static final JsonNode SEND_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["to"],
             "properties":{
               "to":{"type":"string",
                 "description":"The contact's Instagram-scoped id (IGSID), from a webhook."},
               "text":{"type":"string",
                 "description":"Plain text, at most 1000 bytes of UTF-8; used without content."},
               "content":{"type":"object",
                 "description":"Normalized Content (kind text, media or reaction); wins over text."},
               "buttons":{"type":"array","maxItems":13,
                 "description":"Quick replies under a text; the pick comes back as an interactive_reply.",
                 "items":{"type":"object","required":["id","title"],
                   "properties":{"id":{"type":"string"},"title":{"type":"string","maxLength":20}}}},
               "tag":{"type":"string","enum":["HUMAN_AGENT"],
                 "description":"A human agent's answer up to 7 days after the contact wrote (needs approval)."},
               "replyTo":{"type":"string",
                 "description":"Accepted and ignored: Instagram's Send API has no reply-to."},
               "conversation":{"type":"string","description":"Informational; ignored."}},
             "additionalProperties":true}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.CHANNEL,
            "Instagram",
            "Receives Instagram Direct messages, reactions, read receipts and echoes from Meta's webhooks and "
                    + "sends text, media, quick replies and reactions through the Send API.",
            CONFIG,
            List.of(EnvelopeTypes.MESSAGE_INBOUND, EnvelopeTypes.MESSAGE_ECHO, EnvelopeTypes.MESSAGE_STATUS,
                    WebhookReader.EVENT_TYPE),
            List.of(new ActionSpec(ActionNames.MESSAGE_SEND,
                    "Sends a direct message (text, media, quick replies or a reaction) to an Instagram user who "
                            + "wrote in the last 24 hours.",
                    SEND_SCHEMA)));

    /** For PF4J. */
    public InstagramConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Connector open(ConnectorContext context) {
        return new InstagramConnector(InstagramConfig.from(context.config()), context, InstagramConnector.TIMEOUT);
    }

}
