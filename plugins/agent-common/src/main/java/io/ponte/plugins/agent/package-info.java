/**
 * What the agent plugins ({@code rules-agent}, {@code openai-agent}) share: {@link io.ponte.plugins.agent.TextTemplate}
 * for the text they write. A library bundled into each plugin's zip, loaded by each plugin's own class loader.
 */
package io.ponte.plugins.agent;
