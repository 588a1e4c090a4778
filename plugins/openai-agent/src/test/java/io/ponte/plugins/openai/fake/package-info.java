/**
 * {@link io.ponte.plugins.openai.fake.FakeChatCompletions}: a local stand-in for OpenAI's Chat Completions API, for
 * this module's tests and for end-to-end tests elsewhere (it ships in this module's test-jar).
 */
package io.ponte.plugins.openai.fake;
