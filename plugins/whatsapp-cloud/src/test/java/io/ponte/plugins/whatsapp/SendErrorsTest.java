package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Graph error answers, network failures and timeouts into Delivered / Retry / Failed and health reports. */
class SendErrorsTest {

    private static final String TEXT = "{\"to\":\"5511987650001\",\"text\":\"oi\"}";

    private final FakeGraphApi graph = new FakeGraphApi(Fixtures.PHONE_NUMBER_ID, Fixtures.ACCESS_TOKEN);
    private final TestConnectorContext context = Fixtures.context(graph.baseUrl());
    private final Connector connector = new WhatsAppConnectorFactory().open(context);

    @AfterEach
    void stop() {
        connector.close();
        graph.close();
    }

    private ActionResult send() {
        return connector.invoke(Fixtures.action(ActionNames.MESSAGE_SEND, TEXT));
    }

    @Test
    void retries_the_throughput_limit_on_the_connections_backoff() {
        // the error body Meta's error-codes page shows for 130429
        graph.enqueue(graph.error(400, 130429, null, "(#130429) Rate limit hit",
                "Cloud API message throughput has been reached."));

        ActionResult result = send();

        assertThat(result).isInstanceOfSatisfying(ActionResult.Retry.class, r -> {
            assertThat(r.after()).isNull();
            assertThat(r.reason()).contains("130429").contains("throughput");
        });
    }

    @Test
    void honours_retry_after_on_a_rate_limit() {
        graph.enqueue(graph.error(429, 80007, null, "(#80007) Rate limit issues", null)
                .withHeader("Retry-After", "17"));

        assertThat(send()).isInstanceOfSatisfying(ActionResult.Retry.class,
                r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(17)));
    }

    @Test
    void waits_about_a_minute_after_the_pair_rate_limit() {
        graph.enqueue(graph.error(400, 131056, null,
                "(#131056) (Business Account, Consumer Account) pair rate limit hit", null));

        assertThat(send()).isInstanceOfSatisfying(ActionResult.Retry.class,
                r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(60)));
    }

    @Test
    void retries_the_app_and_spam_rate_limits() {
        graph.enqueue(graph.error(400, 4, null, "(#4) Application request limit reached", null));
        graph.enqueue(graph.error(400, 131048, null, "(#131048) Spam rate limit hit", null));

        assertThat(send()).isInstanceOf(ActionResult.Retry.class);
        assertThat(send()).isInstanceOf(ActionResult.Retry.class);
    }

    @Test
    void fails_outside_the_24_hour_window_and_says_to_send_a_template() {
        graph.enqueue(graph.error(400, 131047, null, "Re-engagement message", "Message failed to send because more "
                + "than 24 hours have passed since the customer last replied to this number."));

        assertThat(send()).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).contains("131047").contains("24-hour").contains("template"));
    }

    @Test
    void fails_an_invalid_recipient_with_the_providers_reason() {
        graph.enqueue(graph.error(400, 131026, null, "Message Undeliverable.", "Unable to deliver message."));
        graph.enqueue(graph.error(400, 131030, null, "Recipient phone number not in allowed list",
                "Recipient phone number not in allowed list: Add recipient phone number to recipient list."));
        graph.enqueue(graph.error(400, 100, null, "Invalid parameter", "Parameter 'to' is invalid"));

        for (String expected : new String[] {"Unable to deliver message.", "allowed list", "Parameter 'to'"}) {
            assertThat(send()).isInstanceOfSatisfying(ActionResult.Failed.class,
                    f -> assertThat(f.reason()).contains(expected));
        }
        assertThat(context.reportedHealth()).isEmpty();
    }

    @Test
    void fails_template_errors() {
        graph.enqueue(graph.error(404, 132001, null, "(#132001) Template name does not exist in the translation",
                "template name (order_updat) does not exist in pt_BR"));

        assertThat(send()).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).contains("132001").contains("order_updat"));
    }

    @Test
    void an_auth_error_fails_and_reports_the_connection_down_then_up_when_it_works_again() {
        graph.acceptToken("EAArotated");

        ActionResult first = send();
        ActionResult second = send();
        List<Health> whileRejected = context.reportedHealth();
        graph.acceptToken(Fixtures.ACCESS_TOKEN);
        ActionResult third = send();

        assertThat(first).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).contains("rejected the access token").contains("190")
                        .doesNotContain(Fixtures.ACCESS_TOKEN));
        assertThat(second).isInstanceOf(ActionResult.Failed.class);
        assertThat(third).isInstanceOf(ActionResult.Delivered.class);
        // reportHealth is idempotent on the hub side, so each refused call reports DOWN again: no counts, the last wins
        assertThat(whileRejected).isNotEmpty().extracting(Health::status).containsOnly(Health.Status.DOWN);
        assertThat(whileRejected).extracting(Health::detail).allSatisfy(d -> assertThat(d)
                .doesNotContain(Fixtures.ACCESS_TOKEN));
        assertThat(context.reportedHealth().getLast().status()).isEqualTo(Health.Status.UP);
    }

    @Test
    void a_permission_error_also_reports_the_connection_down() {
        graph.enqueue(graph.error(403, 10, null, "(#10) Application does not have permission for this action",
                null));

        assertThat(send()).isInstanceOf(ActionResult.Failed.class);
        assertThat(context.reportedHealth()).extracting(Health::status).containsExactly(Health.Status.DOWN);
    }

    @Test
    void retries_server_errors_and_metas_temporary_errors() {
        graph.enqueue(Answer.text(503, "<html><body>Service Unavailable</body></html>"));
        graph.enqueue(graph.error(500, 131000, null, "Something went wrong", null));
        graph.enqueue(graph.error(400, 131016, null, "Service unavailable", null)
                .withHeader("Retry-After", "5"));

        assertThat(send()).isInstanceOf(ActionResult.Retry.class);
        assertThat(send()).isInstanceOf(ActionResult.Retry.class);
        assertThat(send()).isInstanceOfSatisfying(ActionResult.Retry.class,
                r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void retries_when_the_graph_api_does_not_answer_in_time() {
        graph.enqueue(Answer.json(200, "{}").after(Duration.ofSeconds(3)));
        try (Connector impatient = new WhatsAppConnector(WhatsAppConfig.from(context.config()), context,
                Duration.ofMillis(200))) {
            ActionResult result = impatient.invoke(Fixtures.action(ActionNames.MESSAGE_SEND, TEXT));

            assertThat(result).isInstanceOfSatisfying(ActionResult.Retry.class,
                    r -> assertThat(r.reason()).contains("timed out"));
        }
    }

    @Test
    void retries_when_the_graph_api_is_unreachable() throws IOException {
        try (Connector unreachable = new WhatsAppConnectorFactory()
                .open(Fixtures.context(FakeProvider.nobodyListening() + "/v21.0"))) {
            ActionResult result = unreachable.invoke(Fixtures.action(ActionNames.MESSAGE_SEND, TEXT));

            assertThat(result).isInstanceOfSatisfying(ActionResult.Retry.class,
                    r -> assertThat(r.reason()).contains("could not reach"));
        }
    }
}
