package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigField;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.error.PermanentException;
import io.ponte.testkit.TestConnectorContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelegramConfigTest {

    private static final String TOKEN = "7000000001:AAConfigTestToken_abcdef-0123456789";
    private static final String SECRET = "config-test_secret-0123456789abcdef";

    private static TelegramConfig config(String token, String secret, String base) {
        return new TelegramConfig(token, secret, URI.create(base), Duration.ofSeconds(10));
    }

    @Test
    void the_descriptor_declares_the_public_config_contract() {
        ConnectorDescriptor d = new TelegramConnectorFactory().descriptor();
        assertThat(d.type()).isEqualTo("telegram");
        assertThat(d.category()).isEqualTo(Category.CHANNEL);
        assertThat(d.config().fields()).extracting(ConfigField::name)
                .containsExactly("botToken", "secretToken", "apiBaseUrl", "timeoutSeconds");
        assertThat(d.config().field("botToken").orElseThrow().secret()).isTrue();
        assertThat(d.config().field("secretToken").orElseThrow().secret()).isTrue();
        assertThat(d.config().field("apiBaseUrl").orElseThrow().defaultValue().asText())
                .isEqualTo("https://api.telegram.org");
        assertThat(d.actions()).extracting(a -> a.name())
                .containsExactly("message.send", "webhook.register", "webhook.info");
        assertThat(d.emits()).containsExactly("message.inbound", "telegram.update");
    }

    @Test
    void the_hub_reports_both_missing_secrets_at_once() {
        List<ConfigError> errors = new TelegramConnectorFactory().descriptor().config()
                .validate(Bots.json("{\"apiBaseUrl\":\"ftp://x\"}"));
        assertThat(errors).extracting(ConfigError::field).containsExactlyInAnyOrder("botToken", "secretToken",
                "apiBaseUrl");
    }

    @Test
    void defaults_the_base_url_to_the_cloud_bot_api() {
        TestConnectorContext ctx = TestConnectorContext.of(new TelegramConnectorFactory(),
                "{\"botToken\":\"" + TOKEN + "\",\"secretToken\":\"" + SECRET + "\"}");
        TelegramConfig config = TelegramConfig.from(ctx.config());
        assertThat(config.apiBaseUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void strips_trailing_slashes_from_the_base_url() {
        assertThat(config(TOKEN, SECRET, "http://localhost:8081/").apiBaseUrl())
                .isEqualTo(URI.create("http://localhost:8081"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "with.dot", "ação", "semi;colon", ""})
    void refuses_a_secret_token_setWebhook_would_refuse(String secret) {
        assertThatThrownBy(() -> config(TOKEN, secret, "https://api.telegram.org"))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("secretToken")
                .hasMessageNotContaining(secret.isEmpty() ? "\u0000" : secret);
    }

    @Test
    void refuses_to_open_with_a_secret_token_shorter_than_32_characters_and_says_how_to_make_one() {
        String short31 = "abcdef0123456789abcdef012345678";
        TestConnectorContext ctx = TestConnectorContext.of(new TelegramConnectorFactory(),
                "{\"botToken\":\"" + TOKEN + "\",\"secretToken\":\"" + short31 + "\"}");

        assertThatThrownBy(() -> new TelegramConnectorFactory().open(ctx))
                .isInstanceOf(PermanentException.class)
                .hasMessage("secretToken must be at least 32 characters; e.g. `openssl rand -hex 32`");
        assertThat(config(TOKEN, short31 + "9", "https://api.telegram.org").secretToken()).hasSize(32);
    }

    @Test
    void accepts_a_secret_token_of_256_allowed_characters_and_refuses_257() {
        assertThat(config(TOKEN, "aZ09_-".repeat(42) + "abcd", "https://api.telegram.org").secretToken())
                .hasSize(256);
        assertThatThrownBy(() -> config(TOKEN, "a".repeat(257), "https://api.telegram.org"))
                .isInstanceOf(PermanentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-colon-token", "123:abc/../../getMe", "abc:def", "123:tok?x=1"})
    void refuses_a_bot_token_that_would_change_the_request_path(String token) {
        assertThatThrownBy(() -> config(token, SECRET, "https://api.telegram.org"))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("botToken")
                .hasMessageNotContaining(token);
    }

    @Test
    void refuses_a_timeout_outside_one_to_sixty_seconds() {
        assertThatThrownBy(() -> new TelegramConfig(TOKEN, SECRET, URI.create("https://api.telegram.org"),
                Duration.ofSeconds(61))).isInstanceOf(PermanentException.class).hasMessageContaining("timeoutSeconds");
    }

    @Test
    void masks_both_secrets_in_to_string() {
        TelegramConfig config = config(TOKEN, SECRET, "https://api.telegram.org");
        assertThat(config.toString()).doesNotContain(TOKEN.substring(TOKEN.indexOf(':') + 1))
                .doesNotContain(SECRET).contains("7000000001:***");
    }
}
