package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The secret token header and the body checks, before any mapping. */
class WebhookSecretTest {

    private final TestConnectorContext context = Bots.context("http://127.0.0.1:9", "7000000001:AAsecretTestToken",
            null);
    private final WebhookReceiver receiver = Bots.open(context).webhook().orElseThrow();
    private final String update = Bots.fixture("updates/message-text.json");

    @Test
    void accepts_an_update_carrying_the_configured_secret_token() {
        WebhookResult result = receiver.receive(Bots.webhook(update, Bots.SECRET));
        assertThat(result.envelopes()).hasSize(1);
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(result.response().body()).isNull();
    }

    @Test
    void rejects_an_update_without_the_secret_token_header() {
        assertThatThrownBy(() -> receiver.receive(Bots.webhook(update, null)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("X-Telegram-Bot-Api-Secret-Token is missing");
        assertThat(context.recordedMetrics()).contains("webhook.rejected[status,401]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong-secret", "PONTE-TEST_SECRET-0123456789ABCDEF", "ponte-test_Secret-0123456789abcde",
            "ponte-test_Secret-0123456789abcdefx"})
    void rejects_an_update_with_a_different_secret_token_even_by_case_or_one_character(String secret) {
        assertThatThrownBy(() -> receiver.receive(Bots.webhook(update, secret)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageNotContaining(Bots.SECRET);
    }

    @Test
    void checks_the_secret_before_reading_the_body() {
        assertThatThrownBy(() -> receiver.receive(Bots.webhook("not json", "wrong")))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "null", "{}", "{\"update_id\":\"10\",\"message\":{}}",
            "{\"update_id\":10}", "{\"update_id\":10,\"message\":\"hi\"}",
            "{\"update_id\":10,\"message\":{\"message_id\":1,\"date\":1}}",
            "{\"update_id\":10,\"message\":{\"message_id\":\"1\",\"chat\":{\"id\":1}}}",
            "{\"update_id\":10,\"callback_query\":{\"from\":{\"id\":1}}}"})
    void answers_400_to_a_body_that_is_not_one_well_formed_update(String body) {
        assertThatThrownBy(() -> receiver.receive(Bots.webhook(body, Bots.SECRET)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void refuses_a_date_beyond_what_the_hub_can_store_naming_the_field() {
        String body = "{\"update_id\":10,\"message\":{\"message_id\":1,\"date\":99999999999999999,"
                + "\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"oi\"}}";
        assertThatThrownBy(() -> receiver.receive(Bots.webhook(body, Bots.SECRET)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("message.date must be a Unix time in seconds no later than 9999-12-31T23:59:59Z "
                        + "(253402300799)");
    }

    @Test
    void refuses_an_array_of_updates_because_telegram_posts_one_update_per_request() {
        String batch = "[" + update + "," + Bots.fixture("updates/message-document.json") + "]";
        assertThatThrownBy(() -> receiver.receive(Bots.webhook(batch, Bots.SECRET)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("one Telegram Update");
    }
}
