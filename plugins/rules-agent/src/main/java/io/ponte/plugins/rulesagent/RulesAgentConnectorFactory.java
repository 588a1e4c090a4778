package io.ponte.plugins.rulesagent;

import com.fasterxml.jackson.databind.node.BooleanNode;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.FieldType;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.MessageJson;
import io.ponte.plugins.agent.NamedActions;
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

    private static final ConfigSpec CONFIG = ConfigSpec.of(
            ConfigField.required(RulesAgentConfig.RULES, FieldType.JSON,
                    "A list of {\"pattern\":\"<regex>\",\"reply\":\"<Mustache template>\"}; the first pattern found "
                            + "in the message text (case-insensitive, Unicode) answers with its reply."),
            ConfigField.optional(RulesAgentConfig.GREETING, FieldType.STRING,
                    "A Mustache template sent as the reply to a contact's first message."),
            ConfigField.optional(RulesAgentConfig.GREETING_THEN_RULES, FieldType.BOOLEAN,
                            "On a first message a rule also matches: true sends greeting, a blank line and the "
                                    + "rule's reply; false sends the greeting alone.")
                    .withDefault(BooleanNode.FALSE),
            ConfigField.optional(RulesAgentConfig.DEFAULT_REPLY, FieldType.STRING,
                    "A Mustache template sent when no rule matches; without it such messages get no reply."),
            ConfigField.optional(RulesAgentConfig.HANDOFF, FieldType.JSON,
                    "{\"pattern\":\"<regex>\",\"reply\":\"<template>\"}: a matching message hands the conversation "
                            + "to a person (state human) after one last reply; the agent is silent from then on."),
            ConfigField.optional(RulesAgentConfig.SPECIALISTS, FieldType.JSON,
                    "A list of {\"pattern\":\"<regex>\",\"connection\":\"<agent connection id>\",\"intent\":"
                            + "\"<name>\"}: makes this agent a router that hands each conversation to the agent of "
                            + "its intent."));

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.AGENT,
            "Rules agent",
            "Answers chat messages without a model or API key: regex rules with Mustache reply templates, a "
                    + "greeting, a default reply, a hand-off to a person, and routing to specialist agents.",
            CONFIG,
            List.of(EnvelopeTypes.MESSAGE_OUTBOUND, EnvelopeTypes.CONVERSATION_NOTE),
            List.of(new ActionSpec(IntentRouter.AGENT_REPLY,
                    "Answers the inbound chat message that caused it (a route's message.inbound) by the rules; "
                            + "takes no input.",
                    MessageJson.mapper().createObjectNode().put("type", "object"))));

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
