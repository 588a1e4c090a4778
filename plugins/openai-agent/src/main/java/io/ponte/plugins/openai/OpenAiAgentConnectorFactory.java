package io.ponte.plugins.openai;

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
 * The {@code openai-agent} connector type: an agent over a chain of model providers (OpenAI Chat Completions or any
 * OpenAI-compatible server, Anthropic's Messages API, Gemini's OpenAI-compatible endpoint). Stateless; opens one
 * {@link OpenAiAgentConnector} (with its own clients) per connection.
 */
@Extension
public final class OpenAiAgentConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "openai-agent";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.AGENT,
            "AI agent (OpenAI, Claude, Gemini)",
            "Answers conversations with OpenAI Chat Completions (or an OpenAI-compatible server), Anthropic's Claude "
                    + "or Google's Gemini, falling back along a list of providers: history-aware "
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
        return new OpenAiAgentConnector(config, context, providers(config, context), d -> Thread.sleep(d.toMillis()));
    }

    /**
     * One client per provider and connection, each sending through the hub's HTTP client ({@link HubExchange}: the
     * outbound policy, no redirects, a capped answer); the SDKs' retries are off because {@link ModelCaller} does
     * them.
     */
    static List<ChatProvider> providers(OpenAiAgentConfig config, ConnectorContext context) {
        return config.providers().stream().map(p -> p.open(context)).toList();
    }
}
