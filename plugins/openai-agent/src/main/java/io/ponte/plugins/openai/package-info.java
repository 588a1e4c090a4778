/**
 * The {@code openai-agent} connector: an agent over a chain of model providers — OpenAI Chat Completions (or any
 * OpenAI-compatible server, Gemini's among them) through the official {@code openai-java} client, Anthropic's
 * Messages API through the official {@code anthropic-java} client.
 *
 * <p>Roles: {@link io.ponte.plugins.openai.OpenAiAgentConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.openai.OpenAiAgentConnector} (one per connection, owns the providers' clients),
 * {@link io.ponte.plugins.openai.OpenAiAgentConfig} (the fields and the JSON inside them). The plugin kit's
 * {@link io.ponte.kit.agent.AgentProtocol} runs {@code agent.reply} (silence while a person handles the
 * conversation, the hand-off, exactly one reply) around {@code AgentReply}, which decides: {@code Handoff}
 * (keywords, the {@code handoff_human} tool), {@code Orchestrator} (specialist routing), {@code PromptBuilder} (the
 * system prompt as a Mustache template, history, trimming), {@code ToolLoop} with {@code ToolBox} (tools),
 * {@code ModelCaller} (retries, fallback models and providers, a breaker per provider) over the {@code ChatProvider}s
 * ({@code OpenAiChat}, {@code AnthropicChat}, speaking the provider-neutral {@code Chat}; their SDKs send through
 * {@code HubExchange}), {@code Qualification} (leads),
 * {@code Usage} (tokens, cost) and {@code Memory} (per-conversation facts in the connection's store).
 */
package io.ponte.plugins.openai;
