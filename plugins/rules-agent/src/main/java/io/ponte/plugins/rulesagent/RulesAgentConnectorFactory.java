package io.ponte.plugins.rulesagent;

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
 * The {@code rules-agent} connector type: an agent without a model that answers chat messages by regex rules and
 * Mustache templates. Stateless; opens one {@link RulesAgentConnector} per connection.
 */
@Extension
public final class RulesAgentConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "rules-agent";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.AGENT,
            "Rules agent",
            "Answers chat messages without a model or API key: regex rules with Mustache reply templates, a "
                    + "greeting, a default reply, a hand-off to a person, and routing to specialist agents.",
            RulesAgentConfig.SPEC,
            List.of(EnvelopeTypes.MESSAGE_OUTBOUND, EnvelopeTypes.CONVERSATION_NOTE),
            List.of(new ActionSpec(ActionNames.AGENT_REPLY,
                    "Answers the inbound chat message that caused it (a route's message.inbound) by the rules; "
                            + "takes no input.",
                    PluginJson.schema("{\"type\":\"object\"}"))));

    /** For PF4J. */
    public RulesAgentConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Every problem {@link RulesAgentConfig#from} would find at open, and specialists that no connection answers. */
    @Override
    public List<ConfigError> validate(ConnectorContext context) {
        return RulesAgentConfig.problems(context.config(), context.connectionId(),
                new NamedActions(context.connectionId(), context.actions()));
    }

    @Override
    public Connector open(ConnectorContext context) {
        return new RulesAgentConnector(RulesAgentConfig.from(context.config(), context.connectionId()), context);
    }
}
