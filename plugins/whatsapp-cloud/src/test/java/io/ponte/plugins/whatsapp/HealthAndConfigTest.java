package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.Recorded;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health probe, the declared send rate and config validation. */
class HealthAndConfigTest {

    private final FakeGraphApi graph = new FakeGraphApi(Fixtures.PHONE_NUMBER_ID, Fixtures.ACCESS_TOKEN);

    @AfterEach
    void stop() {
        graph.close();
    }

    private static ConfigSpec spec() {
        return new WhatsAppConnectorFactory().descriptor().config();
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
            Recorded request = graph.lastRequest();
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
            assertThat(health.detail()).contains("rejected the access token").contains("190")
                    .doesNotContain(Fixtures.ACCESS_TOKEN);
        }
    }

    @Test
    void is_down_when_the_graph_api_answers_an_error_or_nothing() {
        graph.enqueue(Answer.text(500, ""));
        try (Connector connector = open("");
             Connector unreachable = new WhatsAppConnectorFactory().open(Fixtures.context("http://127.0.0.1:9/v1"))) {
            assertThat(connector.health().status()).isEqualTo(Health.Status.DOWN);
            assertThat(unreachable.health()).satisfies(h -> {
                assertThat(h.status()).isEqualTo(Health.Status.DOWN);
                assertThat(h.detail()).contains("could not reach");
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
        List<ConfigError> errors = spec().validate(Fixtures.json(
                "{\"phoneNumberId\":\"1\",\"apiBaseUrl\":\"graph.facebook.com\",\"maxMessagesPerSecond\":\"fast\"}"));

        assertThat(errors).extracting(ConfigError::field).containsExactlyInAnyOrder("accessToken", "appSecret",
                "verifyToken", "apiBaseUrl", "maxMessagesPerSecond");
    }

    @Test
    void declares_the_secrets_and_defaults() {
        ConfigSpec spec = spec();

        assertThat(spec.fields()).filteredOn(f -> f.secret()).extracting(f -> f.name())
                .containsExactly("accessToken", "appSecret", "verifyToken");
        assertThat(spec.field("apiBaseUrl").orElseThrow().defaultValue().asText())
                .isEqualTo("https://graph.facebook.com/v21.0");
        assertThat(spec.field("maxMessagesPerSecond").orElseThrow().defaultValue().asInt()).isEqualTo(80);
    }

    @Test
    void the_spec_refuses_a_phone_number_given_instead_of_its_id() {
        List<ConfigError> errors = spec().validate(Fixtures.json(Fixtures.config(graph.baseUrl(), "")
                .replace(Fixtures.PHONE_NUMBER_ID, "+5511987650001")));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("phoneNumberId");
            assertThat(e.message()).contains("Phone number ID");
        });
    }

    @Test
    void the_spec_checks_the_rate_range_and_refuses_a_blank_or_multi_line_token() {
        for (String extra : List.of(",\"maxMessagesPerSecond\":0", ",\"maxMessagesPerSecond\":1001")) {
            assertThat(spec().validate(Fixtures.json(Fixtures.config(graph.baseUrl(), extra))))
                    .containsExactly(new ConfigError("maxMessagesPerSecond", "must be between 1 and 1000"));
        }
        String blank = Fixtures.config(graph.baseUrl(), "").replace(Fixtures.ACCESS_TOKEN, " ");
        String twoLines = Fixtures.config(graph.baseUrl(), "").replace(Fixtures.ACCESS_TOKEN, "EAA\\r\\nX-Evil: 1");
        assertThat(spec().validate(Fixtures.json(blank))).extracting(ConfigError::field).containsExactly("accessToken");
        assertThat(spec().validate(Fixtures.json(twoLines)))
                .containsExactly(new ConfigError("accessToken", "must be a single line"));
    }

    @Test
    void the_config_record_checks_what_the_spec_cannot() {
        var context = TestConnectorContext.of(new WhatsAppConnectorFactory(),
                Fixtures.config("https://h/v21.0?x=1", ""));

        assertThatThrownBy(() -> new WhatsAppConnectorFactory().open(context))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::field).containsExactly("apiBaseUrl"));
        assertThat(WhatsAppConfig.from(Fixtures.context("https://h/v21.0/").config()).apiBaseUrl())
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
