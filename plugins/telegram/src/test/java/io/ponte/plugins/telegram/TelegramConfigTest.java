package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.webhook.WebhookReceiver;
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

    private static TestConnectorContext context(String secretToken) {
        return TestConnectorContext.of(new TelegramConnectorFactory(),
                "{\"botToken\":\"" + TOKEN + "\",\"secretToken\":\"" + secretToken + "\"}");
    }

    private static TelegramConfig config(String token, String secret, String base) {
        return new TelegramConfig(token, secret, URI.create(base), Duration.ofSeconds(10));
    }

    /** What the hub's check against the factory's spec says of this config. */
    private static List<ConfigError> errors(String token, String secret, Object timeoutSeconds) {
        ObjectNode config = Bots.json("{}").deepCopy();
        config.put("botToken", token).put("secretToken", secret);
        if (timeoutSeconds != null) {
            config.set("timeoutSeconds", Bots.json(timeoutSeconds.toString()));
        }
        return new TelegramConnectorFactory().descriptor().config().validate(config);
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
        TelegramConfig config = TelegramConfig.from(context(SECRET).config());
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
        List<ConfigError> errors = errors(TOKEN, secret, null);
        assertThat(errors).containsExactly(new ConfigError("secretToken", "must be 1 to 256 characters of A-Z, a-z, "
                + "0-9, _ and - (Telegram's rule for setWebhook's secret_token)"));
        assertThat(errors.get(0).message()).doesNotContain(secret.isEmpty() ? "\u0000" : secret);
    }

    @Test
    void refuses_to_save_a_secret_token_shorter_than_32_characters_naming_the_field_and_how_to_make_one() {
        String short31 = "abcdef0123456789abcdef012345678";

        assertThat(new TelegramConnectorFactory().validate(context(short31))).containsExactly(
                new ConfigError("secretToken", "must be at least 32 characters; e.g. `openssl rand -hex 32`"));
        assertThat(new TelegramConnectorFactory().validate(context(short31 + "9"))).isEmpty();
    }

    @Test
    void a_connection_saved_with_a_shorter_secret_token_before_the_rule_still_opens_and_takes_its_updates() {
        String older = "s3cret-token";
        TestConnectorContext ctx = context(older);

        WebhookReceiver receiver = new TelegramConnectorFactory().open(ctx).webhook().orElseThrow();

        assertThat(receiver.receive(Bots.webhook(Bots.fixture("updates/message-text.json"), older)).envelopes())
                .hasSize(1);
    }

    @Test
    void accepts_a_secret_token_of_256_allowed_characters_and_refuses_257() {
        assertThat(errors(TOKEN, "aZ09_-".repeat(42) + "abcd", null)).isEmpty();
        assertThat(errors(TOKEN, "a".repeat(257), null)).extracting(ConfigError::field).containsExactly("secretToken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-colon-token", "123:abc/../../getMe", "abc:def", "123:tok?x=1"})
    void refuses_a_bot_token_that_would_change_the_request_path(String token) {
        List<ConfigError> errors = errors(token, SECRET, null);
        assertThat(errors).containsExactly(new ConfigError("botToken",
                "must look like BotFather's token: <digits>:<letters, digits, _ or ->"));
        assertThat(errors.get(0).message()).doesNotContain(token);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 61})
    void refuses_a_timeout_outside_one_to_sixty_seconds(int seconds) {
        assertThat(errors(TOKEN, SECRET, seconds)).containsExactly(
                new ConfigError("timeoutSeconds", "must be between 1 and 60"));
        assertThat(errors(TOKEN, SECRET, 60)).isEmpty();
    }

    @Test
    void refuses_to_open_with_a_base_url_whose_query_would_swallow_the_method_path() {
        TestConnectorContext ctx = TestConnectorContext.of(new TelegramConnectorFactory(), "{\"botToken\":\"" + TOKEN
                + "\",\"secretToken\":\"" + SECRET + "\",\"apiBaseUrl\":\"https://bots.example.com/?via=proxy\"}");
        assertThatThrownBy(() -> new TelegramConnectorFactory().open(ctx))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactly(
                        new ConfigError("apiBaseUrl", "must be an absolute http(s) URL without query, fragment or "
                                + "credentials: each call's path follows it")));
    }

    @Test
    void masks_both_secrets_in_to_string() {
        TelegramConfig config = config(TOKEN, SECRET, "https://api.telegram.org");
        assertThat(config.toString()).doesNotContain(TOKEN.substring(TOKEN.indexOf(':') + 1))
                .doesNotContain(SECRET).contains("7000000001:***");
    }
}
