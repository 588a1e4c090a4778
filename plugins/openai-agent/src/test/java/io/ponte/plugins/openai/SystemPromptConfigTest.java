package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.config.ConfigException;
import io.ponte.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;

class SystemPromptConfigTest {

    @Test
    void config_validation_names_the_system_prompt_on_a_syntax_error_or_an_include() {
        assertThatThrownBy(() -> config("Hi {{#contact.name}}there")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("systemPrompt: is not a valid Mustache template: Section missing close tag "
                        + "'contact.name'");
        assertThatThrownBy(() -> config("{{#memory.x}}{{> other}}{{/memory.x}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("systemPrompt: cannot include other templates ({{> other}})");
    }

    private static OpenAiAgentConfig config(String prompt) {
        return OpenAiAgentConfig.from(TestConnectorContext.of(new OpenAiAgentConnectorFactory(),
                "{\"apiKey\":\"sk-abc\",\"systemPrompt\":\"" + prompt + "\"}").config());
    }
}
