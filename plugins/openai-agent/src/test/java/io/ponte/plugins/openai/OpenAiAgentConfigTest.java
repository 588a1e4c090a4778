package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.testkit.TestConnectorContext;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiAgentConfigTest {

    private static OpenAiAgentConfig config(String json) {
        return OpenAiAgentConfig.from(TestConnectorContext.of(new OpenAiAgentConnectorFactory(), json).config());
    }

    @Test
    void the_descriptor_declares_the_public_config_contract() {
        ConnectorDescriptor d = new OpenAiAgentConnectorFactory().descriptor();
        assertThat(d.type()).isEqualTo("openai-agent");
        assertThat(d.category()).isEqualTo(Category.AGENT);
        assertThat(d.config().fields()).extracting(ConfigField::name).containsExactly("apiKey", "baseUrl", "model",
                "fallbackModels", "providers", "systemPrompt", "temperature", "maxHistoryMessages", "maxContextTokens",
                "timeoutSeconds", "maxRetries", "tools", "fallbackReply", "handoff", "qualification", "specialists",
                "prices");
        assertThat(d.config().fields()).filteredOn(ConfigField::secret).extracting(ConfigField::name)
                .containsExactly("apiKey", "providers");
        assertThat(d.config().field("apiKey").orElseThrow().secret()).isTrue();
        assertThat(d.config().field("providers").orElseThrow().secret()).isTrue();
        assertThat(d.actions()).extracting(a -> a.name()).containsExactly("agent.reply");
        assertThat(d.emits()).containsExactly("message.outbound", "conversation.note", "lead.qualified");
    }

    @Test
    void fills_the_documented_defaults() {
        OpenAiAgentConfig c = config("{\"apiKey\":\"sk-abc\"}");
        assertThat(c.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(c.model()).isEqualTo("gpt-4o-mini");
        assertThat(c.maxHistoryMessages()).isEqualTo(20);
        assertThat(c.maxContextTokens()).isEqualTo(6000);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxRetries()).isEqualTo(2);
        assertThat(c.temperature()).isNull();
        assertThat(c.prices()).containsKeys("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini");
        assertThat(c.prices().get("gpt-4o-mini").input()).isEqualByComparingTo(new BigDecimal("0.15"));
        assertThat(c.qualification()).isNull();
        assertThat(c.specialists()).isNull();
    }

    @Test
    void lists_the_models_in_order_without_repeats() {
        OpenAiAgentConfig c = config("""
                {"apiKey":"sk-abc","model":"gpt-4o","fallbackModels":["gpt-4o-mini","gpt-4o","gpt-4.1-mini"]}""");
        assertThat(c.models()).containsExactly("gpt-4o", "gpt-4o-mini", "gpt-4.1-mini");
    }

    @Test
    void names_every_bad_field_at_once_without_echoing_the_key() {
        List<ConfigError> declared = new OpenAiAgentConnectorFactory().descriptor().config().validate(Json.parse("""
                {"apiKey":"sk bad key","maxHistoryMessages":0,"maxContextTokens":5,"timeoutSeconds":0,
                 "maxRetries":9}"""));
        assertThat(declared).extracting(ConfigError::field).containsExactly("apiKey", "maxHistoryMessages",
                "maxContextTokens", "timeoutSeconds", "maxRetries");
        assertThat(declared).extracting(ConfigError::message).noneMatch(m -> m.contains("sk bad key"));

        assertThatThrownBy(() -> config("""
                {"apiKey":"sk-abc","temperature":3,"tools":["orders","con_1/order.get"],
                 "systemPrompt":"Hi {{#contact.name}}there","handoff":{"keywords":"humano","mood":1},
                 "qualification":{"fields":[]},"specialists":{"classifier":"dice","intents":[]},
                 "prices":{"gpt-4o":{"input":"cheap"}}}"""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContainingAll("temperature", "tools[0]: 'orders'", "systemPrompt", "handoff.keywords",
                        "handoff.mood", "qualification.fields", "specialists.classifier", "specialists.intents",
                        "prices.gpt-4o")
                .hasMessageNotContaining("sk-abc")
                .hasMessageNotContaining("con_1/order.get");
    }

    @Test
    void refuses_a_base_url_with_a_query_and_strips_trailing_slashes() {
        assertThatThrownBy(() -> config("{\"apiKey\":\"sk-abc\",\"baseUrl\":\"http://localhost:1234/v1?x=1\"}"))
                .hasMessageContaining("baseUrl");
        assertThat(config("{\"apiKey\":\"sk-abc\",\"baseUrl\":\"http://localhost:1234/v1/\"}").baseUrl())
                .isEqualTo(URI.create("http://localhost:1234/v1"));
    }

    @Test
    void reads_hand_off_qualification_and_specialists() {
        OpenAiAgentConfig c = config("""
                {"apiKey":"sk-abc","handoff":{"keywords":["atendente","falar com humano"],"reply":"Já chamo!"},
                 "qualification":{"fields":[{"name":"interest","description":"what they want","weight":30,
                   "required":true},{"name":"budget","weight":70}],"thresholds":{"hot":90},"closingMessage":"Obrigado"},
                 "specialists":{"classifier":"rules","intents":[{"name":"sales","connection":"con_SALES",
                   "keywords":["preço","comprar"]}]}}""");
        assertThat(c.handoff().keywords()).containsExactly("atendente", "falar com humano");
        assertThat(c.handoff().reply()).isEqualTo("Já chamo!");
        assertThat(c.qualification().fields()).extracting(Qualification.Field::name).containsExactly("interest",
                "budget");
        assertThat(c.qualification().hot()).isEqualTo(90);
        assertThat(c.qualification().warm()).isEqualTo(50);
        assertThat(c.specialists().byModel()).isFalse();
        assertThat(c.specialists().intents().get(0).connection()).isEqualTo("con_SALES");
    }

    @Test
    void masks_the_api_key_in_to_string() {
        assertThat(config("{\"apiKey\":\"sk-very-secret-value\"}").toString()).doesNotContain("sk-very-secret-value")
                .contains("apiKey=***");
    }
}
