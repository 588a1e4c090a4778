package io.ponte.plugins.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.SendRate;
import io.ponte.testkit.TestConnectorContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The descriptor, the config spec the hub validates against, what {@code open} refuses, and the send rates. */
class InstagramConnectorFactoryTest {

    private final InstagramConnectorFactory factory = new InstagramConnectorFactory();
    private final ConfigSpec spec = factory.descriptor().config();

    @Test
    void describes_an_instagram_channel_with_message_send() {
        ConnectorDescriptor descriptor = factory.descriptor();

        assertThat(descriptor.type()).isEqualTo("instagram");
        assertThat(descriptor.category()).isEqualTo(Category.CHANNEL);
        assertThat(descriptor.emits())
                .containsExactly("message.inbound", "message.echo", "message.status", "instagram.event");
        assertThat(descriptor.actions()).extracting(ActionSpec::name).containsExactly("message.send");
        ActionSpec send = descriptor.action("message.send").orElseThrow();
        assertThat(send.inputSchema().get("required").get(0).textValue()).isEqualTo("to");
        assertThat(send.inputSchema().at("/properties/buttons/maxItems").intValue()).isEqualTo(13);
    }

    @Test
    void declares_the_public_config_fields_with_the_secrets_marked() {
        assertThat(spec.fields()).extracting(ConfigField::name)
                .containsExactly("igUserId", "accessToken", "appSecret", "verifyToken", "apiBaseUrl", "igAccountId");
        assertThat(spec.fields()).filteredOn(ConfigField::secret).extracting(ConfigField::name)
                .containsExactly("accessToken", "appSecret", "verifyToken");
        assertThat(spec.fields()).filteredOn(ConfigField::required).extracting(ConfigField::name)
                .containsExactly("igUserId", "accessToken", "appSecret", "verifyToken");
        assertThat(spec.withDefaults(null).get("apiBaseUrl").textValue())
                .isEqualTo("https://graph.facebook.com/v21.0");
    }

    @Test
    void reports_every_bad_field_at_once() {
        List<ConfigError> errors = spec.validate(Fixtures.json(
                "{\"igUserId\":17841400000000001,\"appSecret\":\"x\",\"apiBaseUrl\":\"graph.facebook.com\",\"tokn\":1}"));

        assertThat(errors).extracting(ConfigError::field)
                .containsExactlyInAnyOrder("igUserId", "accessToken", "verifyToken", "apiBaseUrl", "tokn");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"igUserId\":\"ig-shop\"}|igUserId|must be the numeric id",
            "{\"igUserId\":\"1784/../me\"}|igUserId|must be the numeric id",
            "{\"igAccountId\":\"@loja\"}|igAccountId|must be the numeric id",
            "{\"accessToken\":\"   \"}|accessToken|must not be empty",
            "{\"accessToken\":\"s3cr3t\\r\\nX-Evil: 1\"}|accessToken|must be a single line",
            "{\"appSecret\":\"\"}|appSecret|must not be empty"})
    void the_spec_refuses_an_unusable_field_and_never_echoes_a_secret(String override, String field, String message) {
        ObjectNode config = (ObjectNode) Fixtures.json(Fixtures.config(null));
        config.setAll((ObjectNode) Fixtures.json(override));

        assertThat(spec.validate(config)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).startsWith(message).doesNotContain("s3cr3t");
        });
    }

    @ParameterizedTest
    @CsvSource({"https://graph.facebook.com/v21.0?access_token=s3cr3t", "https://user:s3cr3t@graph.facebook.com/v21.0"})
    void refuses_to_open_with_a_base_url_carrying_a_query_or_credentials_and_never_echoes_them(String baseUrl) {
        TestConnectorContext context = Fixtures.context(baseUrl);

        assertThatThrownBy(() -> factory.open(context))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("apiBaseUrl");
                            assertThat(error.message()).startsWith("must be an absolute").doesNotContain("s3cr3t");
                        }));
    }

    @Test
    void reads_the_config_and_drops_a_trailing_slash_of_the_base_url() {
        InstagramConfig config = InstagramConfig.from(
                Fixtures.context("https://graph.instagram.com/v21.0/").config());

        assertThat(config.igUserId()).isEqualTo(Fixtures.ACCOUNT);
        assertThat(config.apiBaseUrl()).hasToString("https://graph.instagram.com/v21.0");
        assertThat(config.apiHost()).isEqualTo("graph.instagram.com");
    }

    @Test
    void shows_no_token_or_secret_in_to_string() {
        InstagramConfig config = InstagramConfig.from(Fixtures.context(null).config());
        try (Connector connector = factory.open(Fixtures.context(null))) {
            for (String text : List.of(config.toString(), connector.toString())) {
                assertThat(text).contains(Fixtures.ACCOUNT).doesNotContain(Fixtures.ACCESS_TOKEN)
                        .doesNotContain(Fixtures.APP_SECRET).doesNotContain(Fixtures.VERIFY_TOKEN);
            }
        }
    }

    @Test
    void declares_a_conservative_account_rate_and_one_message_a_second_per_contact() {
        try (Connector connector = factory.open(Fixtures.context(null))) {
            assertThat(connector.sendRates()).containsExactly(SendRate.perSecond(100),
                    SendRate.perConversation(1, Duration.ofSeconds(1)));
        }
    }
}
