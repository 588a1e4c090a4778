package com.example.ponte.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigError;
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
 * The {@code example-chat} connector type: what the hub finds in the plugin (through {@code @Extension} and the
 * index PF4J's annotation processor writes). Stateless; opens one {@link ExampleChatConnector} per connection.
 */
@Extension
public final class ExampleChatConnectorFactory implements ConnectorFactory {

    /** The connector type id: permanent, kebab-case. */
    public static final String TYPE = "example-chat";

    private static final JsonNode SEND_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["to"],
             "properties":{
               "to":{"type":"string","description":"The recipient's Example Chat user id."},
               "text":{"type":"string","description":"The message text."}}}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.CHANNEL,
            "Example Chat", "Receives Example Chat messages by signed webhook and sends text messages.",
            ExampleChatConfig.SPEC,
            List.of(EnvelopeTypes.MESSAGE_INBOUND),
            List.of(new ActionSpec(ActionNames.MESSAGE_SEND, "Sends a text message to an Example Chat user.",
                    SEND_SCHEMA)));

    /** For PF4J. */
    public ExampleChatConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Checks on save what the schema cannot say: a webhook secret long enough to be one. */
    @Override
    public List<ConfigError> validate(ConnectorContext context) {
        return WebhookSecret.check(ExampleChatConfig.WEBHOOK_SECRET.name(),
                context.config().string(ExampleChatConfig.WEBHOOK_SECRET)).stream().toList();
    }

    @Override
    public Connector open(ConnectorContext context) {
        return new ExampleChatConnector(ExampleChatConfig.from(context.config()), context);
    }
}
