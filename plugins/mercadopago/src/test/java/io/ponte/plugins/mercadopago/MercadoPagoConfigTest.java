package io.ponte.plugins.mercadopago;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.testkit.TestConnectorContext;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The config as the hub checks it (spec) and as the connector reads it. */
class MercadoPagoConfigTest {

    private final MercadoPagoConnectorFactory factory = new MercadoPagoConnectorFactory();

    @Test
    void declares_the_public_keys_with_both_secrets_hidden_and_the_production_api_as_default() {
        assertThat(factory.descriptor().config().fields()).extracting(ConfigField::name)
                .containsExactly("accessToken", "webhookSecret", "apiBaseUrl");
        assertThat(factory.descriptor().config().fields()).filteredOn(ConfigField::secret)
                .extracting(ConfigField::name).containsExactly("accessToken", "webhookSecret");
        TestConnectorContext context = TestConnectorContext.of(factory,
                "{\"accessToken\":\"APP_USR-123456789-abc\",\"webhookSecret\":\"s3cret\"}");
        assertThat(MercadoPagoConfig.from(context.config()).apiBaseUrl())
                .isEqualTo(URI.create("https://api.mercadopago.com"));
    }

    @Test
    void refuses_a_missing_secret_and_a_token_that_is_not_one_header_value() {
        assertThatThrownBy(() -> TestConnectorContext.of(factory, "{\"accessToken\":\"APP_USR-123456789-abc\"}"))
                .hasMessageContaining("webhookSecret");
        assertThatThrownBy(() -> TestConnectorContext.of(factory,
                "{\"accessToken\":\"APP_USR 1\\r\\nX: y\",\"webhookSecret\":\"s\"}"))
                .hasMessageContaining("accessToken");
    }

    @Test
    void drops_trailing_slashes_refuses_a_query_and_masks_secrets() {
        MercadoPagoConfig config = new MercadoPagoConfig("APP_USR-1-secret-token", "hook-secret",
                URI.create("http://127.0.0.1:8080/mp//"));
        assertThat(config.uri("/v1/payments")).isEqualTo(URI.create("http://127.0.0.1:8080/mp/v1/payments"));
        assertThat(config.toString()).doesNotContain("secret-token").doesNotContain("hook-secret");
        assertThatThrownBy(() -> new MercadoPagoConfig("t", "s", URI.create("http://h/?a=b")))
                .isInstanceOf(ConfigException.class);
    }
}
