package io.ponte.plugins.http;

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
 * The {@code http} connector type: generic HTTP webhooks in and out, signed per the Standard Webhooks
 * specification. Stateless; opens one {@link HttpConnector} per connection.
 */
@Extension
public final class HttpConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "http";

    private static final ConfigSpec CONFIG = ConfigSpec.of(
            HttpConfig.URL, HttpConfig.SECRET, HttpConfig.HEADERS, HttpConfig.TIMEOUT_SECONDS);

    private static final JsonNode SEND_SCHEMA = PluginJson.schema("""
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
            List.of(new ActionSpec(ActionNames.MESSAGE_SEND,
                    "POSTs a JSON message (typically {\"to\":...,\"text\":...}) to the connection's url.",
                    SEND_SCHEMA)));

    /** For PF4J. */
    public HttpConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Refuses a {@code secret} shorter than {@value WebhookSecret#MIN_LENGTH} characters on save only: it alone
     * authenticates inbound requests, and a connection saved with a shorter one before this rule keeps running.
     */
    @Override
    public List<ConfigError> validate(ConnectorContext context) {
        return WebhookSecret.check(HttpConfig.SECRET.name(), context.config().string(HttpConfig.SECRET))
                .stream().toList();
    }

    /**
     * Opens a connection.
     *
     * @throws io.ponte.api.config.ConfigException naming each unusable header
     */
    @Override
    public Connector open(ConnectorContext context) {
        return new HttpConnector(HttpConfig.from(context.config()), context);
    }
}
