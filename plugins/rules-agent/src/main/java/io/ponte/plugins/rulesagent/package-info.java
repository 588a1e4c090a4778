/**
 * The {@code rules-agent} connector: an agent without a model. It answers the inbound chat messages routes send
 * it ({@code agent.reply}) with regex rules and Mustache templates, greets first-time contacts, hands
 * conversations over to a person, and, configured with specialists, routes each conversation to the agent of its
 * intent. It is the hub's offline default and the last fallback of model-based agents.
 *
 * <p>Roles: {@link io.ponte.plugins.rulesagent.RulesAgentConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.rulesagent.RulesAgentConnector} (one per agent connection, the order of precedence),
 * {@link io.ponte.plugins.rulesagent.RulesAgentConfig} (the fields and the JSON inside them: {@code Rule},
 * {@code Handoff}, {@code Specialist}), {@code RulePattern} (matching, bounded against runaway regexes),
 * {@code ReplyTemplate} with {@code TemplateVariables} (rendering), {@code IntentRouter} (specialists).
 *
 * <p>The agent only decides; the plugin kit's {@link io.ponte.kit.agent.AgentProtocol} runs {@code agent.reply}
 * around it: silence while a person handles the conversation, the hand-off, and exactly one reply per inbound
 * message (its {@code externalId} is {@code reply:<inbound event id>}, and the hub drops a second envelope with the
 * same one, whatever retried).
 */
package io.ponte.plugins.rulesagent;
