package io.ponte.plugins.http;

import io.ponte.testkit.TestConnectorContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.PluginApi;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.Party;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.Recorded;
import io.ponte.testkit.fake.FakeProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code message.send} against a local fake receiver. */
class MessageSendTest {

    private static final String SECRET = "whsec_l8neVXm3cSjsLdvF6drt7GTfyHk6QYyAtBkAy1bhLrY=";
    private static final Envelope CAUSE = new Envelope("evt_01JCAUSE", "default", "message.inbound", "con_wa", "wamid.1",
            ConversationKey.of("con_wa:5511999990001"), Instant.parse("2026-01-01T09:59:00Z"), "evt_01JCHAIN", null,
            ChatMessage.inbound(Party.of("5511999990001"), new Content.Text("oi")), Map.of());

    private final FakeReceiver receiver = new FakeReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private TestConnectorContext context(String path, String extraConfig) {
        return TestContext.withConfig("{\"url\":\"" + receiver.url(path) + "\"" + extraConfig + "}");
    }

    private static ActionRequest send(String input, Envelope cause, String deliveryId, int attempt) {
        return new ActionRequest(ActionNames.MESSAGE_SEND, TestContext.parse(input), cause, deliveryId, attempt);
    }

    private static ActionResult invoke(TestConnectorContext context, ActionRequest request) {
        try (Connector connector = new HttpConnectorFactory().open(context)) {
            return connector.invoke(request);
        }
    }

    @Test
    void posts_the_input_with_the_hubs_ids_merged_in() {
        invoke(context("/hook", ""), send(
                "{\"to\":\"5511999990001\",\"text\":\"oi\",\"deliveryId\":\"spoofed\",\"eventId\":\"spoofed\"}",
                CAUSE, "dlv_01JDELIVERY", 1));

        Recorded request = receiver.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        JsonNode body = TestContext.parse(request.bodyText());
        assertThat(body).isEqualTo(TestContext.parse("""
                {"to":"5511999990001","text":"oi","deliveryId":"dlv_01JDELIVERY","eventId":"evt_01JCAUSE",
                 "correlationId":"evt_01JCHAIN"}"""));
    }

    @Test
    void adds_no_event_ids_when_an_admin_invoked_it_directly() {
        invoke(context("/hook", ""), send("{\"to\":\"55\",\"text\":\"oi\"}", null, "dlv_1", 1));

        assertThat(TestContext.parse(receiver.last().bodyText()))
                .isEqualTo(TestContext.parse("{\"to\":\"55\",\"text\":\"oi\",\"deliveryId\":\"dlv_1\"}"));
    }

    @Test
    void sends_the_standard_webhooks_headers_and_a_signature_that_verifies() {
        TestConnectorContext context = context("/hook", ",\"secret\":\"" + SECRET + "\",\"headers\":{\"Authorization\":\"Bearer n8n-token\"}");
        invoke(context, send("{\"to\":\"55\",\"text\":\"oi\"}", CAUSE, "dlv_01JDELIVERY", 1));

        Recorded request = receiver.last();
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("user-agent")).isEqualTo("Ponte/" + PluginApi.VERSION);
        assertThat(request.header("webhook-id")).isEqualTo("dlv_01JDELIVERY");
        assertThat(request.header("webhook-timestamp")).isEqualTo("1767261600");
        assertThat(request.header("webhook-signature")).startsWith("v1,");
        assertThat(request.header("authorization")).isEqualTo("Bearer n8n-token");
        assertThat(request.headers()).as("no header is sent twice")
                .allSatisfy((name, values) -> assertThat(values).hasSize(1));
        assertThatCode(() -> new StandardWebhooks(StandardWebhooks.signingKey(SECRET)).verify(
                request.header("webhook-id"), request.header("webhook-timestamp"), request.header("webhook-signature"),
                request.body(), TestContext.FIXTURE_TIME)).doesNotThrowAnyException();
    }

    @Test
    void sends_no_signature_without_a_secret() {
        invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_1", 1));

        assertThat(receiver.last().header("webhook-signature")).isNull();
        assertThat(receiver.last().header("webhook-id")).isEqualTo("dlv_1");
    }

    @Test
    void counts_the_post_as_one_more_hop_of_its_chain_whatever_the_configured_headers_say() {
        Envelope thirdHop = new Envelope("evt_01JHOP", "default", "message.inbound", "con_wa", "wamid.2",
                ConversationKey.of("con_wa:5511999990001"), Instant.parse("2026-01-01T09:59:00Z"), "evt_01JCHAIN",
                "evt_01JCAUSE", ChatMessage.inbound(Party.of("5511999990001"), new Content.Text("oi")), Map.of(), 2);
        TestConnectorContext context = context("/hook", ",\"headers\":{\"ponte-hops\":\"0\"}");

        invoke(context, send("{\"text\":\"oi\"}", thirdHop, "dlv_1", 1));
        invoke(context, send("{\"text\":\"oi\"}", null, "dlv_2", 1));

        assertThat(receiver.requests()).extracting(r -> r.headers().get("ponte-hops"))
                .containsExactly(List.of("3"), List.of("1"));
    }

    @Test
    void keeps_the_webhook_id_across_retries_and_moves_the_timestamp() {
        TestConnectorContext context = context("/hook", ",\"secret\":\"" + SECRET + "\"");
        receiver.enqueue(Answer.text(503, ""));
        invoke(context, send("{\"text\":\"oi\"}", CAUSE, "dlv_01JSTABLE", 1));
        context.setNow(TestContext.FIXTURE_TIME.plusSeconds(30));
        receiver.enqueue(Answer.text(200, ""));
        invoke(context, send("{\"text\":\"oi\"}", CAUSE, "dlv_01JSTABLE", 2));

        List<Recorded> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly("dlv_01JSTABLE");
        assertThat(requests).extracting(r -> r.header("webhook-timestamp"))
                .containsExactly("1767261600", "1767261630");
        assertThat(requests.get(0).bodyText()).isEqualTo(requests.get(1).bodyText());
    }

    @Test
    void is_delivered_with_the_receivers_id_as_external_ref() {
        receiver.enqueue(Answer.json(200, "{\"id\":\"ext-42\",\"status\":\"queued\"}"));

        ActionResult result = invoke(context("/hook", ""), send("{\"text\":\"oi\"}", CAUSE, "dlv_1", 1));

        assertThat(result).isEqualTo(new ActionResult.Delivered("ext-42",
                TestContext.parse("{\"id\":\"ext-42\",\"status\":\"queued\"}")));
    }

    @Test
    void is_delivered_without_ref_or_output_when_the_answer_is_not_json() {
        receiver.enqueue(Answer.text(202, "Accepted"));
        assertThat(invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_1", 1)))
                .isEqualTo(new ActionResult.Delivered(null, null));
        receiver.enqueue(Answer.text(204, ""));
        assertThat(invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_2", 1)))
                .isEqualTo(new ActionResult.Delivered(null, null));
        receiver.enqueue(Answer.json(200, "{\"id\":42}"));
        assertThat(invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_3", 1)))
                .isEqualTo(new ActionResult.Delivered(null, TestContext.parse("{\"id\":42}")));
    }

    @Test
    void retries_a_server_error_on_the_connections_schedule() {
        receiver.enqueue(Answer.text(500, "boom"));
        assertThat(invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_1", 1)))
                .isEqualTo(new ActionResult.Retry(null, "HTTP 500 from localhost"));
    }

    @Test
    void honours_retry_after_in_seconds() {
        receiver.enqueue(Answer.text(429, "slow down").withHeader("Retry-After", "120"));
        assertThat(invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_1", 1)))
                .isEqualTo(new ActionResult.Retry(Duration.ofSeconds(120), "HTTP 429 from localhost"));
    }

    @Test
    void honours_retry_after_as_an_http_date() {
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(TestContext.FIXTURE_TIME.plusSeconds(90).atOffset(ZoneOffset.UTC));
        receiver.enqueue(Answer.text(503, "").withHeader("Retry-After", inNinetySeconds));
        assertThat(invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_1", 1)))
                .isEqualTo(new ActionResult.Retry(Duration.ofSeconds(90), "HTTP 503 from localhost"));
    }

    @Test
    void retries_a_request_timeout_status() {
        receiver.enqueue(Answer.text(408, ""));
        assertThat(invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_1", 1)))
                .isInstanceOf(ActionResult.Retry.class);
    }

    @Test
    void fails_a_client_error_quoting_the_start_of_the_answer() {
        receiver.enqueue(Answer.json(400, "{\"error\":\"unknown recipient\"}"));
        assertThat(invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_1", 1)))
                .isEqualTo(new ActionResult.Failed("HTTP 400 from localhost: {\"error\":\"unknown recipient\"}"));

        receiver.enqueue(Answer.text(422, "x".repeat(500)));
        assertThat(invoke(context("/hook", ""), send("{\"text\":\"oi\"}", null, "dlv_2", 1)))
                .isEqualTo(new ActionResult.Failed("HTTP 422 from localhost: " + "x".repeat(200)));
    }

    @Test
    void reports_the_connection_down_when_the_receiver_refuses_our_credentials_and_up_once_it_answers() {
        TestConnectorContext context = context("/hook", ",\"headers\":{\"Authorization\":\"Bearer expired\"}");
        receiver.enqueue(Answer.text(401, "invalid token"));

        ActionResult refused = invoke(context, send("{\"text\":\"oi\"}", null, "dlv_1", 1));

        assertThat(refused).isEqualTo(new ActionResult.Failed("HTTP 401 from localhost: invalid token"));
        assertThat(context.reportedHealth()).last().satisfies(health -> {
            assertThat(health.status()).isEqualTo(Health.Status.DOWN);
            assertThat(health.detail()).contains("localhost").contains("401").doesNotContain("expired");
        });

        invoke(context, send("{\"text\":\"oi\"}", null, "dlv_2", 1));

        assertThat(context.reportedHealth()).last()
                .satisfies(health -> assertThat(health.status()).isEqualTo(Health.Status.UP));
    }

    @Test
    void reasons_name_the_host_but_never_the_path_or_query() {
        TestConnectorContext context = context("/webhook/s3cr3t-path?token=t0ken", "");
        receiver.enqueue(Answer.text(500, ""));
        ActionResult retry = invoke(context, send("{\"text\":\"oi\"}", null, "dlv_1", 1));
        receiver.enqueue(Answer.text(404, "not here"));
        ActionResult failed = invoke(context, send("{\"text\":\"oi\"}", null, "dlv_2", 1));

        assertThat(receiver.last().query()).isEqualTo("token=t0ken");
        assertThat(((ActionResult.Retry) retry).reason()).isEqualTo("HTTP 500 from localhost");
        assertThat(((ActionResult.Failed) failed).reason()).isEqualTo("HTTP 404 from localhost: not here");
    }

    @Test
    void retries_when_the_connection_is_refused() throws Exception {
        int closedPort = FakeProvider.nobodyListening().getPort();
        TestConnectorContext context = TestContext.withConfig("{\"url\":\"http://localhost:" + closedPort + "/hook?token=t0ken\"}");

        ActionResult result = invoke(context, send("{\"text\":\"oi\"}", null, "dlv_1", 1));

        assertThat(result).isInstanceOfSatisfying(ActionResult.Retry.class, retry -> {
            assertThat(retry.after()).isNull();
            assertThat(retry.reason()).startsWith("could not reach localhost: ").doesNotContain("t0ken");
        });
    }

    @Test
    void retries_when_the_receiver_does_not_answer_within_the_configured_timeout() {
        // Far later than the 1 s timeout: a call that did not time out would come back delivered, and fail the test.
        receiver.enqueue(Answer.text(200, "too late").after(Duration.ofSeconds(30)));

        ActionResult result = invoke(context("/hook", ",\"timeoutSeconds\":1"), send("{\"text\":\"oi\"}", null, "dlv_1", 1));

        assertThat(result).isEqualTo(new ActionResult.Retry(null, "timed out after 1s waiting for localhost"));
        assertThat(receiver.awaitRequests(r -> r.path().equals("/hook"), 1, Duration.ofSeconds(10)))
                .singleElement().satisfies(r -> assertThat(r.header("webhook-id")).isEqualTo("dlv_1"));
    }

    @Test
    void fails_without_a_url() {
        ActionResult result = invoke(TestContext.withConfig("{}"), send("{\"text\":\"oi\"}", null, "dlv_1", 1));
        assertThat(result).isEqualTo(new ActionResult.Failed("connection has no url configured"));
    }

    @Test
    void fails_an_input_that_is_not_an_object() {
        ActionResult result = invoke(context("/hook", ""), send("[\"oi\"]", null, "dlv_1", 1));
        assertThat(result).isEqualTo(new ActionResult.Failed("message.send input must be a JSON object, not array"));
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void fails_an_unknown_action() {
        ActionResult result = invoke(context("/hook", ""),
                new ActionRequest(ActionNames.CONTACT_UPSERT, TestContext.parse("{}"), null, "dlv_1", 1));
        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("contact.upsert"));
        assertThat(receiver.requests()).isEmpty();
    }
}
