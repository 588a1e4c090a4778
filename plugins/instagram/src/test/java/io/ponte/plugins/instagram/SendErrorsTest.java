package io.ponte.plugins.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import io.ponte.plugins.instagram.fake.FakeInstagramApi;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Meta's error answers, as the fake gives them, turned into delivered / retry / failed. */
class SendErrorsTest {

    private static final String TEXT = "{\"to\":\"" + Fixtures.CONTACT + "\",\"text\":\"Oi!\"}";

    @Test
    void retries_a_rate_limit_after_meta_s_estimate() {
        try (SendSupport send = new SendSupport()) {
            send.fake.rateLimitNext(613, 5, null);

            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Retry.class, r -> {
                assertThat(r.after()).isEqualTo(Duration.ofMinutes(5));
                assertThat(r.reason()).startsWith("rate limited by Meta; Graph API HTTP 400, code 613: ");
            });
        }
    }

    @Test
    void prefers_retry_after_over_the_usage_estimate() {
        try (SendSupport send = new SendSupport()) {
            send.fake.rateLimitNext(4, 5, Duration.ofSeconds(30));

            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Retry.class,
                    r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(30)));
        }
    }

    @Test
    void retries_a_rate_limit_without_a_wait_on_the_backoff_schedule() {
        try (SendSupport send = new SendSupport()) {
            send.fake.enqueue(Answer.json(400, Fixtures.text("send/rate-limit-613.json")));

            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Retry.class,
                    r -> assertThat(r.after()).isNull());
        }
    }

    @Test
    void fails_outside_the_messaging_window_with_that_explanation() {
        try (SendSupport send = new SendSupport()) {
            send.fake.enqueue(Answer.json(400, Fixtures.text("send/outside-window.json")));

            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                    .startsWith("outside Instagram's messaging window")
                    .contains("code 10/2534022: (#10) This message is sent outside of allowed window."));
            assertThat(send.context.reportedHealth()).isEmpty();
        }
    }

    @Test
    void fails_with_meta_s_legacy_window_subcode_too() {
        try (SendSupport send = new SendSupport()) {
            send.fake.failNext(400, 10, 2018278, "(#10) This message is sent outside of allowed window.");

            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Failed.class,
                    f -> assertThat(f.reason()).startsWith("outside Instagram's messaging window"));
            assertThat(send.context.reportedHealth()).isEmpty();
        }
    }

    @Test
    void fails_for_an_unavailable_user_and_an_unknown_recipient() {
        try (SendSupport send = new SendSupport()) {
            send.fake.enqueue(Answer.json(400, Fixtures.text("send/user-unavailable.json")));
            send.fake.enqueue(Answer.json(400, Fixtures.text("send/no-matching-user.json")));

            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Failed.class,
                    f -> assertThat(f.reason()).startsWith("the Instagram user is unavailable")
                            .contains("This person isn't available right now."));
            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Failed.class,
                    f -> assertThat(f.reason()).startsWith("no Instagram user matches this recipient id")
                            .contains("code 100/2018001"));
        }
    }

    @Test
    void fails_and_reports_the_connection_down_when_the_token_is_rejected_then_up_when_it_works_again() {
        try (SendSupport send = new SendSupport()) {
            send.fake.enqueue(Answer.json(400, Fixtures.text("send/token-expired.json")));
            send.fake.enqueue(Answer.json(400, Fixtures.text("send/token-expired.json")));

            ActionResult first = send.send(TEXT);
            Health afterFirst = lastReport(send);
            send.send(TEXT);
            Health afterSecond = lastReport(send);
            ActionResult third = send.send(TEXT);

            assertThat(first).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                    .startsWith("Meta rejected the access token or its permissions; Graph API HTTP 400, code 190/463")
                    .doesNotContain(Fixtures.ACCESS_TOKEN));
            assertThat(third).isInstanceOf(ActionResult.Delivered.class);
            // reportHealth is idempotent in the hub, so every rejection reports down and every success up
            assertThat(afterFirst.status()).isEqualTo(Health.Status.DOWN);
            assertThat(afterFirst.detail()).contains("code 190/463").doesNotContain(Fixtures.ACCESS_TOKEN);
            assertThat(afterSecond.status()).isEqualTo(Health.Status.DOWN);
            assertThat(lastReport(send).status()).isEqualTo(Health.Status.UP);
        }
    }

    @Test
    void treats_a_token_the_api_does_not_know_as_an_auth_failure() {
        try (var other = new FakeInstagramApi(Fixtures.ACCOUNT, "IGAAanotherToken");
             SendSupport send = new SendSupportAt(other.baseUrl())) {
            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Failed.class,
                    f -> assertThat(f.reason()).contains("code 190: Invalid OAuth access token"));
            assertThat(send.context.reportedHealth()).extracting(Health::status).containsExactly(Health.Status.DOWN);
        }
    }

    @Test
    void retries_meta_s_transient_errors_and_5xx() {
        try (SendSupport send = new SendSupport()) {
            send.fake.enqueue(Answer.json(500, Fixtures.text("send/transient-2.json")));
            send.fake.enqueue(Answer.text(503, "upstream down").withHeader("Retry-After", "7"));

            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Retry.class,
                    r -> assertThat(r.reason()).contains("code 2: An unexpected error has occurred"));
            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Retry.class, r -> {
                assertThat(r.after()).isEqualTo(Duration.ofSeconds(7));
                assertThat(r.reason()).isEqualTo("Graph API HTTP 503");
            });
        }
    }

    @Test
    void fails_for_a_bad_request_with_meta_s_message() {
        try (SendSupport send = new SendSupport()) {
            send.fake.failNext(400, 100, null,
                    "(#100) Param recipient[id] must be a valid ID string (e.g. \"123\")");

            assertThat(send.send(TEXT)).isEqualTo(ActionResult.failed("Graph API HTTP 400, code 100: (#100) Param "
                    + "recipient[id] must be a valid ID string (e.g. \"123\") [fbtrace_id AFakeTrace1]"));
        }
    }

    @Test
    void retries_when_meta_does_not_answer_in_time() {
        try (SendSupport send = new SendSupport(Duration.ofMillis(300))) {
            send.fake.enqueue(Answer.json(200, "{}").after(Duration.ofSeconds(3)));

            assertThat(send.send(TEXT)).isEqualTo(ActionResult.retry("timed out after 300ms waiting for the Graph "
                    + "API at 127.0.0.1"));
        }
    }

    @Test
    void retries_when_meta_cannot_be_reached() throws Exception {
        try (SendSupport send = new SendSupportAt(FakeProvider.nobodyListening() + "/v21.0")) {
            assertThat(send.send(TEXT)).isInstanceOfSatisfying(ActionResult.Retry.class,
                    r -> assertThat(r.reason()).startsWith("could not reach the Graph API at 127.0.0.1"));
        }
    }

    private static Health lastReport(SendSupport send) {
        assertThat(send.context.reportedHealth()).as("health reports").isNotEmpty();
        return send.context.reportedHealth().getLast();
    }

    /** A connection pointed at another base URL than its own fake's. */
    private static final class SendSupportAt extends SendSupport {
        SendSupportAt(String baseUrl) {
            super(Fixtures.context(baseUrl));
        }
    }
}
