package io.ponte.plugins.http;

import io.ponte.testkit.TestConnectorContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.Health;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The descriptor, the config spec the hub validates against, what a save refuses and what {@code open} refuses. */
class HttpConnectorFactoryTest {

    private final HttpConnectorFactory factory = new HttpConnectorFactory();
    private final ConfigSpec spec = factory.descriptor().config();

    @Test
    void describes_an_http_channel_with_message_send() {
        ConnectorDescriptor descriptor = factory.descriptor();

        assertThat(descriptor.type()).isEqualTo("http");
        assertThat(descriptor.category()).isEqualTo(Category.CHANNEL);
        assertThat(descriptor.displayName()).isEqualTo("HTTP webhook");
        assertThat(descriptor.emits()).containsExactly("message.inbound", "message.outbound");
        assertThat(descriptor.actions()).extracting(ActionSpec::name).containsExactly("message.send");
        ActionSpec send = descriptor.action("message.send").orElseThrow();
        assertThat(send.inputSchema().get("type").textValue()).isEqualTo("object");
        assertThat(send.inputSchema().get("properties").has("to")).isTrue();
        assertThat(factory.descriptor()).isSameAs(descriptor);
    }

    @Test
    void declares_the_public_config_fields() {
        assertThat(spec.fields()).extracting(ConfigField::name)
                .containsExactly("url", "secret", "headers", "timeoutSeconds");
        assertThat(spec.fields()).filteredOn(ConfigField::secret).extracting(ConfigField::name)
                .containsExactly("secret", "headers");
        assertThat(spec.fields()).noneMatch(ConfigField::required);
        assertThat(spec.withDefaults(null).get("timeoutSeconds").intValue()).isEqualTo(10);
    }

    @Test
    void accepts_an_empty_config_for_an_inbound_only_connection() {
        assertThat(spec.validate(TestContext.parse("{}"))).isEmpty();
    }

    @Test
    void reports_every_bad_field_at_once() {
        List<ConfigError> errors = spec.validate(TestContext.parse(
                "{\"url\":\"n8n.local/webhook\",\"scret\":\"x\",\"timeoutSeconds\":\"ten\",\"secret\":42}"));

        assertThat(errors).extracting(ConfigError::field)
                .containsExactlyInAnyOrder("url", "scret", "timeoutSeconds", "secret");
        assertThat(errors).filteredOn(e -> e.field().equals("url")).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("must be an absolute http(s) URL"));
        assertThat(errors).filteredOn(e -> e.field().equals("scret")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("unknown field"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"secret\":\"whsec_s3cr3t!!s3cr3t!!s3cr3t!!s3cr3t!!\"}|secret|must be whsec_ followed by base64 key bytes (Standard Webhooks), or any other non-empty string",
            "{\"secret\":\"whsec_\"}|secret|must be whsec_ followed by base64 key bytes (Standard Webhooks), or any other non-empty string",
            "{\"secret\":\"\"}|secret|must be whsec_ followed by base64 key bytes (Standard Webhooks), or any other non-empty string",
            "{\"timeoutSeconds\":0}|timeoutSeconds|must be between 1 and 300",
            "{\"timeoutSeconds\":301}|timeoutSeconds|must be between 1 and 300"})
    void the_spec_refuses_an_unusable_secret_or_timeout_and_never_echoes_a_secret(String config, String field,
                                                                                 String message) {
        List<ConfigError> errors = spec.validate(TestContext.parse(config));

        assertThat(errors).containsExactly(new ConfigError(field, message));
        assertThat(errors.toString()).doesNotContain("s3cr3t");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"headers\":[\"Authorization: Bearer s3cr3t\"]}|headers|must be a JSON object of header names to string values",
            "{\"headers\":{\"X-Count\":1}}|headers.X-Count|must be a string",
            "{\"headers\":{\"Content-Type\":\"text/plain\"}}|headers.Content-Type|cannot be configured: message.send sets it",
            "{\"headers\":{\"webhook-signature\":\"v1,x\"}}|headers.webhook-signature|cannot be configured: message.send sets it",
            "{\"headers\":{\"Host\":\"evil.example\"}}|headers.Host|cannot be configured: message.send sets it",
            "{\"headers\":{\"Bad Name\":\"s3cr3t\"}}|headers|has a key that is not a valid HTTP header name",
            "{\"headers\":{\"X-Token\":\"s3cr3t\\r\\nX-Evil: 1\"}}|headers.X-Token|must be a single-line string"})
    void refuses_to_open_with_unusable_headers_and_never_echoes_a_value(String config, String field, String message) {
        TestConnectorContext context = TestContext.withConfig(config);

        assertThatThrownBy(() -> factory.open(context)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo(field);
                assertThat(error.message()).startsWith(message);
            });
            assertThat(e.getMessage()).doesNotContain("s3cr3t");
        });
    }

    @Test
    void names_every_unusable_header_at_once() {
        TestConnectorContext context = TestContext.withConfig(
                "{\"headers\":{\"Host\":\"evil.example\",\"X-Count\":1,\"X-Ok\":\"fine\"}}");

        assertThatThrownBy(() -> factory.open(context)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.errors()).extracting(ConfigError::field)
                        .containsExactly("headers.Host", "headers.X-Count"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3cr3t-but-only-31-characters-x", "whsec_AAECAwQ="})
    void refuses_to_save_a_secret_shorter_than_32_characters_naming_the_field_and_never_echoing_it(String secret) {
        List<ConfigError> errors = factory.validate(TestContext.withConfig("{\"secret\":\"" + secret + "\"}"));

        assertThat(errors).containsExactly(
                new ConfigError("secret", "must be at least 32 characters; e.g. `openssl rand -hex 32`"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"secret\":\"s3cr3t-of-exactly-32-characters-\"}"})
    void saves_a_32_character_secret_or_none(String config) {
        assertThat(factory.validate(TestContext.withConfig(config))).isEmpty();
    }

    @Test
    void a_connection_saved_with_a_shorter_secret_before_the_rule_still_opens_and_checks_signatures_with_it() {
        String older = "s3cr3t-of-16char";
        WebhookReceiver receiver = factory.open(TestContext.withConfig("{\"secret\":\"" + older + "\"}"))
                .webhook().orElseThrow();
        String body = "{\"id\":\"m1\",\"from\":\"5511999990001\",\"text\":\"oi\"}";
        long now = TestContext.FIXTURE_TIME.getEpochSecond();
        String signature = new StandardWebhooks(StandardWebhooks.signingKey(older)).sign("msg_1", now,
                body.getBytes(StandardCharsets.UTF_8));

        WebhookResult result = receiver.receive(Fixtures.post(body, "webhook-id", "msg_1",
                "webhook-timestamp", Long.toString(now), "webhook-signature", signature));

        assertThat(result.envelopes()).singleElement().satisfies(d -> assertThat(d.externalId()).isEqualTo("m1"));
    }

    @Test
    void reads_the_config_into_a_record() {
        HttpConfig config = HttpConfig.from(TestContext.withConfig("""
                {"url":"https://n8n.example.com/webhook/abc?token=t0ken",
                 "secret":"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                 "headers":{"Authorization":"Bearer s3cr3t","X-Tenant":"acme"},"timeoutSeconds":30}
                """).config());

        assertThat(config.url()).hasToString("https://n8n.example.com/webhook/abc?token=t0ken");
        assertThat(config.signingKey().getEncoded()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        assertThat(config.headers()).containsExactly(
                java.util.Map.entry("Authorization", "Bearer s3cr3t"), java.util.Map.entry("X-Tenant", "acme"));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.host()).isEqualTo("n8n.example.com");
    }

    @Test
    void shows_no_secret_header_value_or_url_token_in_to_string() {
        HttpConfig config = HttpConfig.from(TestContext.withConfig("""
                {"url":"https://n8n.example.com/webhook/abc?token=t0ken","secret":"s3cr3t-0123456789abcdef0123456789",
                 "headers":{"Authorization":"Bearer s3cr3t"}}
                """).config());

        assertThat(config.toString()).contains("n8n.example.com").contains("Authorization")
                .doesNotContain("s3cr3t").doesNotContain("t0ken").doesNotContain("abc");
    }

    @Test
    void is_healthy_without_calling_the_url() {
        assertThat(factory.open(TestContext.withConfig("{}")).health()).isEqualTo(Health.up("inbound only"));
        // Port 9 (discard) on a reserved documentation host: a health check that called it would hang or fail.
        assertThat(factory.open(TestContext.withConfig("{\"url\":\"https://hooks.example.com:9/in?k=s3cr3t\"}"))
                .health()).isEqualTo(Health.up("will post to hooks.example.com"));
    }

    @Test
    void every_connection_takes_webhooks() {
        assertThat(factory.open(TestContext.withConfig("{}")).webhook()).isPresent();
    }
}
