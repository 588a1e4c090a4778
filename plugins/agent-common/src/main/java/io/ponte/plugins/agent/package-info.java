/**
 * What the agent plugins ({@code rules-agent}, {@code openai-agent}) share: {@link io.ponte.plugins.agent.TextTemplate}
 * for the text they write, and {@link io.ponte.plugins.agent.NamedActions}, the check on save of the other
 * connections their config names. A library bundled into each plugin's zip, loaded by each plugin's own class loader.
 */
package io.ponte.plugins.agent;
