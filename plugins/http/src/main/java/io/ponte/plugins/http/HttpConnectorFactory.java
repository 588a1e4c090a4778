package io.ponte.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
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
 * The {@code http} connector type: generic HTTP webhooks in and out, signed per the Standard Webhooks
 * specification. Stateless; opens one {@link HttpConnector} per connection.
 */
@Extension
public final class HttpConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "http";

    private static final ConfigSpec CONFIG = ConfigSpec.of(
            ConfigField.optional(HttpConfig.URL, FieldType.URL,
                    "Where message.send POSTs (an n8n webhook, your app's endpoint); leave empty for an inbound-only "
                            + "connection."),
            ConfigField.optional(HttpConfig.SECRET, FieldType.STRING,
                    "Signing secret for both directions, at least 32 characters: whsec_<base64> (Standard "
                            + "Webhooks) or any other string (e.g. openssl rand -hex 32), used as its UTF-8 bytes. "
                            + "Without it inbound requests need no signature.").asSecret(),
            ConfigField.optional(HttpConfig.HEADERS, FieldType.JSON,
                    "Extra request headers for message.send, as a JSON object of strings, e.g. "
                            + "{\"Authorization\":\"Bearer ...\"}.").asSecret(),
            ConfigField.optional(HttpConfig.TIMEOUT_SECONDS, FieldType.INTEGER,
                            "Timeout of one message.send request, in seconds (1 to "
                                    + HttpConfig.MAX_TIMEOUT_SECONDS + ").")
                    .withDefault(IntNode.valueOf(HttpConfig.DEFAULT_TIMEOUT_SECONDS)));

    private static final JsonNode SEND_SCHEMA = ActionSpec.schema("""
            {"type":"object",
             "description":"Free JSON, POSTed as is with deliveryId, eventId and correlationId added.",
             "properties":{
               "to":{"type":"string","description":"The recipient's address, as the receiving system knows it."},
               "text":{"type":"string","description":"The message text."}},
             "additionalProperties":true}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.CHANNEL,
            "HTTP webhook",
            "Receives messages as JSON webhooks from any system and sends replies as signed JSON POSTs "
                    + "(Standard Webhooks), for n8n, Chatwoot, scripts and in-house apps.",
            CONFIG,
            List.of(EnvelopeTypes.MESSAGE_INBOUND, EnvelopeTypes.MESSAGE_OUTBOUND),
            List.of(new ActionSpec(MessageSend.ACTION,
                    "POSTs a JSON message (typically {\"to\":...,\"text\":...}) to the connection's url.",
                    SEND_SCHEMA)));

    /** For PF4J. */
    public HttpConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Connector open(ConnectorContext context) {
        HttpConfig config = HttpConfig.from(context.config());
        return new HttpConnector(config, context, new JdkWebhookSender(context.httpClient()));
    }

}
