package io.ponte.plugins.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
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
import io.ponte.kit.agent.NamedActions;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code openai-agent} connector type: an agent over OpenAI Chat Completions or any OpenAI-compatible server.
 * Stateless; opens one {@link OpenAiAgentConnector} (with its own client) per connection.
 */
@Extension
public final class OpenAiAgentConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "openai-agent";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.AGENT,
            "OpenAI agent",
            "Answers conversations with OpenAI Chat Completions (or an OpenAI-compatible server): history-aware "
                    + "replies, other connections' actions as tools, hand-off to humans, lead qualification and "
                    + "routing to specialist agents.",
            OpenAiAgentConfig.SPEC,
            List.of(EnvelopeTypes.MESSAGE_OUTBOUND, EnvelopeTypes.CONVERSATION_NOTE, EnvelopeTypes.LEAD_QUALIFIED),
            List.of(new ActionSpec(ActionNames.AGENT_REPLY, "Answers the inbound chat message that caused the "
                    + "delivery (route a message.inbound here; no input needed).",
                    PluginJson.schema("{\"type\":\"object\"}"))));

    /** For PF4J. */
    public OpenAiAgentConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The other connections the config names (tools, specialists); the rest is checked when it opens. */
    @Override
    public List<ConfigError> validate(ConnectorContext context) {
        return OpenAiAgentConfig.namedActionProblems(context.config(),
                new NamedActions(context.connectionId(), context.actions()));
    }

    @Override
    public Connector open(ConnectorContext context) {
        OpenAiAgentConfig config = OpenAiAgentConfig.from(context.config());
        return new OpenAiAgentConnector(config, context, client(config, context), d -> Thread.sleep(d.toMillis()));
    }

    /**
     * One client per connection, sending through the hub's HTTP client ({@link HubHttpTransport}: the outbound
     * policy, no redirects, a capped answer); the SDK's retries are off because {@link ModelCaller} does them.
     */
    static OpenAIClient client(OpenAiAgentConfig config, ConnectorContext context) {
        return new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(new HubHttpTransport(context, config.timeout()))
                .apiKey(config.apiKey()).baseUrl(config.baseUrl().toString())
                .timeout(config.timeout()).maxRetries(0).build());
    }
}
