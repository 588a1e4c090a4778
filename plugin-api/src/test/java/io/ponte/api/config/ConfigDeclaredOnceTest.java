package io.ponte.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.api.message.MessageJson;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A field is declared once (type, default, range, pattern) and read back typed; the connector checks nothing. */
class ConfigDeclaredOnceTest {

    static final ConfigField NUMBER_ID = ConfigField.required("phoneNumberId", FieldType.STRING, "the number's id")
            .matching("[0-9]{1,32}", "must be the numeric Phone number ID");
    static final ConfigField TOKEN = ConfigField.required("accessToken", FieldType.STRING, "the token").asSecret();
    static final ConfigField BASE = ConfigField.optional("apiBaseUrl", FieldType.URL, "the API")
            .withDefault("https://graph.facebook.com/v21.0");
    static final ConfigField RATE = ConfigField.optional("maxMessagesPerSecond", FieldType.INTEGER, "the rate")
            .withDefault(80).between(1, 1000);
    static final ConfigSpec SPEC = ConfigSpec.of(NUMBER_ID, TOKEN, BASE, RATE);

    private final ObjectMapper json = MessageJson.newMapper();

    @Test
    void reports_every_broken_constraint_at_once_in_the_fields_own_words() throws Exception {
        var errors = SPEC.validate(json.readTree("""
                {"phoneNumberId":"+55 11","accessToken":"a\\nb","maxMessagesPerSecond":0}"""));
        assertThat(errors).containsExactlyInAnyOrder(
                new ConfigError("phoneNumberId", "must be the numeric Phone number ID"),
                new ConfigError("accessToken", "must be a single line"),
                new ConfigError("maxMessagesPerSecond", "must be between 1 and 1000"));
    }

    @Test
    void reads_fields_typed_with_their_defaults_and_masks_secrets() throws Exception {
        ConnectionConfig config = new ConnectionConfig(SPEC, json.readTree("""
                {"phoneNumberId":"1234","accessToken":"s3cr3t"}"""));
        assertThat(config.string(NUMBER_ID)).isEqualTo("1234");
        assertThat(config.url(BASE)).isEqualTo(URI.create("https://graph.facebook.com/v21.0"));
        assertThat(config.integer(RATE)).isEqualTo(80);
        assertThat(config.toString()).doesNotContain("s3cr3t").contains("***");
    }

    @Test
    void a_field_read_as_another_type_or_outside_the_spec_is_a_bug_named_at_once() throws Exception {
        ConnectionConfig config = new ConnectionConfig(SPEC, json.readTree("{\"phoneNumberId\":\"1\",\"accessToken\":\"t\"}"));
        assertThatThrownBy(() -> config.integer(NUMBER_ID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phoneNumberId is string");
        assertThatThrownBy(() -> config.string(ConfigField.optional("other", FieldType.STRING, "x")))
                .hasMessageContaining("not in this connector's spec");
        assertThatThrownBy(() -> ConfigField.optional("n", FieldType.STRING, "x").between(1, 2))
                .hasMessageContaining("a range needs an integer field");
    }
}
