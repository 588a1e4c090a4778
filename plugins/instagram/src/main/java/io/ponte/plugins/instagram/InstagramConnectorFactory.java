package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The {@code instagram} connector type: Instagram Direct messages of one Instagram professional account through
 * Meta's messaging webhooks and Send API. Stateless; opens one {@link InstagramConnector} per connection.
 */
@Extension
public final class InstagramConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "instagram";

    private static final ConfigSpec CONFIG = ConfigSpec.of(
            ConfigField.required(InstagramConfig.IG_USER_ID, FieldType.STRING,
                    "The Instagram professional account id (App Dashboard > Instagram > API setup, or GET /me on the "
                            + "Graph API); with a Page access token on graph.facebook.com, the linked Facebook Page "
                            + "id. Messages are sent with POST /{igUserId}/messages."),
            ConfigField.required(InstagramConfig.ACCESS_TOKEN, FieldType.STRING,
                    "A long-lived Instagram user access token with instagram_business_manage_messages (or a Page "
                            + "access token with instagram_manage_messages for the Page-linked API).").asSecret(),
            ConfigField.required(InstagramConfig.APP_SECRET, FieldType.STRING,
                    "The app secret that signs webhooks (X-Hub-Signature-256): Instagram app secret under "
                            + "Instagram > API setup, or App settings > Basic.").asSecret(),
            ConfigField.required(InstagramConfig.VERIFY_TOKEN, FieldType.STRING,
                    "Any string you also type as the Verify token when you set the callback URL in the App "
                            + "Dashboard (Webhooks).").asSecret(),
            ConfigField.optional(InstagramConfig.API_BASE_URL, FieldType.URL,
                            "The Graph API base URL with version: https://graph.facebook.com/v21.0 (Page-linked) or "
                                    + "https://graph.instagram.com/v21.0 (Instagram Login).")
                    .withDefault(TextNode.valueOf(InstagramConfig.DEFAULT_API_BASE_URL)),
            ConfigField.optional(InstagramConfig.IG_ACCOUNT_ID, FieldType.STRING,
                    "Only on the Page-linked API, where igUserId is the Page id: the Instagram professional "
                            + "account id, which Meta puts in every webhook's entry id. Webhook entries of any other "
                            + "account are acknowledged and dropped. Default: igUserId."));

    private static final JsonNode SEND_SCHEMA = ActionSpec.schema("""
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
            List.of(new ActionSpec(MessageSend.ACTION,
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
        InstagramConfig config = InstagramConfig.from(context.config());
        return new InstagramConnector(config, context,
                new HttpInstagramClient(context.httpClient(), config, HttpInstagramClient.DEFAULT_TIMEOUT));
    }

}
