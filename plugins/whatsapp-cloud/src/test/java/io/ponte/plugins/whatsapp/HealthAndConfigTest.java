package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.config.ConfigError;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.error.PermanentException;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health probe, the declared send rate and config validation. */
class HealthAndConfigTest {

    private final FakeGraphApi graph = new FakeGraphApi(Fixtures.PHONE_NUMBER_ID, Fixtures.ACCESS_TOKEN).start();

    @AfterEach
    void stop() {
        graph.close();
    }

    private Connector open(String extra) {
        return new WhatsAppConnectorFactory().open(Fixtures.context(graph.baseUrl(), extra));
    }

    @Test
    void is_up_with_the_number_and_verified_name_after_an_authenticated_get() {
        try (Connector connector = open("")) {
            Health health = connector.health();

            assertThat(health).isEqualTo(Health.up("WhatsApp number " + FakeGraphApi.DISPLAY_PHONE_NUMBER + " ("
                    + FakeGraphApi.VERIFIED_NAME + ")"));
            FakeGraphApi.Request request = graph.lastRequest();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/v21.0/" + Fixtures.PHONE_NUMBER_ID);
            assertThat(request.query()).isEqualTo("fields=display_phone_number,verified_name");
            assertThat(request.header("authorization")).isEqualTo("Bearer " + Fixtures.ACCESS_TOKEN);
        }
    }

    @Test
    void is_down_when_the_access_token_is_rejected() {
        graph.acceptToken("EAAsomethingelse");
        try (Connector connector = open("")) {
            Health health = connector.health();

            assertThat(health.status()).isEqualTo(Health.Status.DOWN);
            assertThat(health.detail()).contains("access token rejected").contains("190")
                    .doesNotContain(Fixtures.ACCESS_TOKEN);
        }
    }

    @Test
    void is_down_when_the_graph_api_answers_an_error_or_nothing() {
        graph.enqueue(500, "", java.util.Map.of());
        try (Connector connector = open("");
             Connector unreachable = new WhatsAppConnectorFactory().open(Fixtures.context("http://127.0.0.1:9/v1"))) {
            assertThat(connector.health().status()).isEqualTo(Health.Status.DOWN);
            assertThat(unreachable.health()).satisfies(h -> {
                assertThat(h.status()).isEqualTo(Health.Status.DOWN);
                assertThat(h.detail()).contains("unreachable");
            });
        }
    }

    @Test
    void max_messages_per_second_sets_the_declared_rate_for_default_and_upgraded_numbers() {
        try (Connector ten = open(",\"maxMessagesPerSecond\":10");
             Connector thousand = open(",\"maxMessagesPerSecond\":1000")) {
            assertThat(ten.sendRates()).containsExactly(SendRate.perSecond(10));
            assertThat(thousand.sendRates()).containsExactly(SendRate.perSecond(1000));
        }
    }

    @Test
    void validation_names_every_missing_secret_and_a_mistyped_field() {
        List<ConfigError> errors = new WhatsAppConnectorFactory().descriptor().config().validate(Fixtures.json(
                "{\"phoneNumberId\":\"1\",\"apiBaseUrl\":\"graph.facebook.com\",\"maxMessagesPerSecond\":\"fast\"}"));

        assertThat(errors).extracting(ConfigError::field).containsExactlyInAnyOrder("accessToken", "appSecret",
                "verifyToken", "apiBaseUrl", "maxMessagesPerSecond");
    }

    @Test
    void declares_the_secrets_and_defaults() {
        var spec = new WhatsAppConnectorFactory().descriptor().config();

        assertThat(spec.fields()).filteredOn(f -> f.secret()).extracting(f -> f.name())
                .containsExactly("accessToken", "appSecret", "verifyToken");
        assertThat(spec.field("apiBaseUrl").orElseThrow().defaultValue().asText())
                .isEqualTo("https://graph.facebook.com/v21.0");
        assertThat(spec.field("maxMessagesPerSecond").orElseThrow().defaultValue().asInt()).isEqualTo(80);
    }

    @Test
    void opening_refuses_a_phone_number_given_instead_of_its_id() {
        var context = io.ponte.testkit.TestConnectorContext.of(new WhatsAppConnectorFactory(),
                Fixtures.config(graph.baseUrl(), "").replace(Fixtures.PHONE_NUMBER_ID, "+5511987650001"));

        assertThatThrownBy(() -> new WhatsAppConnectorFactory().open(context))
                .isInstanceOf(PermanentException.class).hasMessageContaining("phoneNumberId");
    }

    @Test
    void the_config_record_checks_what_the_schema_cannot() {
        URI base = URI.create("https://graph.facebook.com/v21.0");
        assertThatThrownBy(() -> new WhatsAppConfig("+55 11 98765-0001", "t", "s", "v", base, 80))
                .isInstanceOf(PermanentException.class).hasMessageContaining("Phone number ID");
        assertThatThrownBy(() -> new WhatsAppConfig("1", "t", "s", "v", base, 0))
                .isInstanceOf(PermanentException.class).hasMessageContaining("maxMessagesPerSecond");
        assertThatThrownBy(() -> new WhatsAppConfig("1", "t", "s", "v", base, 1001))
                .isInstanceOf(PermanentException.class);
        assertThatThrownBy(() -> new WhatsAppConfig("1", " ", "s", "v", base, 80))
                .isInstanceOf(PermanentException.class).hasMessageContaining("accessToken");
        assertThatThrownBy(() -> new WhatsAppConfig("1", "t", "s", "v", URI.create("https://h/v21.0?x=1"), 80))
                .isInstanceOf(PermanentException.class).hasMessageContaining("apiBaseUrl");
        assertThat(new WhatsAppConfig("1", "t", "s", "v", URI.create("https://h/v21.0/"), 80).apiBaseUrl())
                .isEqualTo(URI.create("https://h/v21.0"));
    }

    @Test
    void masks_every_secret_in_to_string() {
        WhatsAppConfig config = new WhatsAppConfig("1", "EAAtoken-secret", "app-secret-x", "verify-secret-y",
                URI.create("https://graph.facebook.com/v21.0"), 80);

        assertThat(config.toString()).doesNotContain("EAAtoken-secret", "app-secret-x", "verify-secret-y")
                .contains("phoneNumberId=1");
    }
}
