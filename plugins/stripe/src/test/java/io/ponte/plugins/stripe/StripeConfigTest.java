package io.ponte.plugins.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.testkit.TestConnectorContext;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The config spec as the hub applies it, the typed config, and Stripe's minor units. */
class StripeConfigTest {

    @Test
    void a_minimal_config_gets_stripes_api_and_the_documented_defaults() {
        TestConnectorContext context = TestConnectorContext.of(new StripeConnectorFactory(),
                "{\"apiKey\":\"sk_live_51Abcdefghij\",\"webhookSecret\":\"whsec_abc123\"}");
        StripeConfig config = StripeConfig.from(context.config());
        assertThat(config.apiBaseUrl()).hasToString("https://api.stripe.com");
        assertThat(config.successUrl()).hasToString(StripeConfig.DEFAULT_SUCCESS_URL);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.mode()).isEqualTo("live");
        assertThat(config.toString()).doesNotContain("sk_live_51Abcdefghij").doesNotContain("whsec_abc123");
    }

    @Test
    void refuses_a_publishable_key_and_a_secret_that_is_not_a_signing_secret_at_once() {
        assertThatThrownBy(() -> TestConnectorContext.of(new StripeConnectorFactory(),
                "{\"apiKey\":\"pk_test_51Abcdefghij\",\"webhookSecret\":\"my-secret\"}"))
                .hasMessageContaining("apiKey").hasMessageContaining("webhookSecret")
                .hasMessageNotContaining("pk_test_51Abcdefghij");
    }

    @Test
    void refuses_a_base_url_with_a_query_and_drops_trailing_slashes() {
        assertThatThrownBy(() -> StripeConfig.from(TestConnectorContext.of(new StripeConnectorFactory(),
                "{\"apiKey\":\"sk_test_1234567890\",\"webhookSecret\":\"whsec_1\",\"apiBaseUrl\":\"http://x/?a=1\"}")
                .config())).hasMessageContaining("apiBaseUrl");
        assertThat(StripeConfig.from(TestConnectorContext.of(new StripeConnectorFactory(),
                "{\"apiKey\":\"sk_test_1234567890\",\"webhookSecret\":\"whsec_1\",\"apiBaseUrl\":\"http://x:1//\"}")
                .config()).apiBaseUrl()).hasToString("http://x:1");
    }

    @Test
    void minor_units_follow_stripes_exponents_both_ways() {
        assertThat(Currencies.major(2000, "usd")).isEqualTo(new BigDecimal("20.00"));
        assertThat(Currencies.major(2000, "brl")).isEqualTo(new BigDecimal("20.00"));
        assertThat(Currencies.major(5000, "jpy")).isEqualTo(new BigDecimal("5000"));
        assertThat(Currencies.major(5000, "krw")).isEqualTo(new BigDecimal("5000"));
        assertThat(Currencies.major(1250, "bhd")).isEqualTo(new BigDecimal("1.250"));
        assertThat(Currencies.major(1250, "tnd")).isEqualTo(new BigDecimal("1.250"));
        assertThat(Currencies.minor(new BigDecimal("19.9"), "usd")).isEqualTo(1990);
        assertThat(Currencies.minor(new BigDecimal("5000"), "JPY")).isEqualTo(5000);
        assertThat(Currencies.minor(new BigDecimal("1.25"), "omr")).isEqualTo(1250);
        assertThatThrownBy(() -> Currencies.minor(new BigDecimal("19.999"), "usd"))
                .hasMessageContaining("more decimals");
        assertThatThrownBy(() -> Currencies.minor(new BigDecimal("1e20"), "usd")).hasMessageContaining("too large");
    }
}
