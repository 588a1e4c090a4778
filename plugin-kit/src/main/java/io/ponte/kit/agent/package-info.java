/**
 * The protocol every agent plugin follows, in one place: {@link io.ponte.kit.agent.AgentProtocol} runs
 * {@code agent.reply} (the inbound message from the cause, silence while a person handles the conversation, the
 * hand-off, exactly one reply, the shared metrics) around an {@link io.ponte.kit.agent.Agent}, which only decides
 * what to do with each {@link io.ponte.kit.agent.Turn} ({@link io.ponte.kit.agent.Decision}). Beside it what agents
 * write and check: {@link io.ponte.kit.agent.TextTemplate} (Mustache text; needs JMustache, which only agents
 * bundle) and {@link io.ponte.kit.agent.NamedActions} (the other connections a config names, checked on save).
 */
package io.ponte.kit.agent;
