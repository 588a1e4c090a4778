/**
 * The {@code openai-agent} connector: an agent over OpenAI Chat Completions (or any OpenAI-compatible server),
 * through the official {@code openai-java} client.
 *
 * <p>Roles: {@link io.ponte.plugins.openai.OpenAiAgentConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.openai.OpenAiAgentConnector} (one per connection, owns the client),
 * {@link io.ponte.plugins.openai.OpenAiAgentConfig} (validated config). One {@code agent.reply} runs through
 * {@code AgentReply}: {@code Handoff} (keywords, the {@code handoff_human} tool), {@code Orchestrator} (specialist
 * routing), {@code PromptBuilder} with {@code PromptTemplate} (the system prompt as a JMustache template, history,
 * trimming), {@code ToolLoop} with {@code ToolBox} (tools), {@code ModelCaller} (retries and fallback models), {@code Qualification} (leads), {@code Usage} (tokens, cost),
 * {@code Memory} (per-conversation facts in the connection's store) and {@code ConversationOutput} (what is
 * emitted through the plugin-api's {@code Replies} and {@code Emitter.emitAndWait}: the one reply per inbound
 * message, notes, leads).
 */
package io.ponte.plugins.openai;
