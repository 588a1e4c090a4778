package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/connections/{id}/actions/{action}}: an admin runs one action now and sees its outcome. */
class AdminActionsTest {

    @Test
    void runs_an_action_and_answers_its_outcome_or_a_precise_problem() {
        try (TestHub hub = TestHub.builder().database(TestDatabase.h2()).connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            TestHub.Response ok = hub.post("/api/v1/connections/" + chat + "/actions/message.send",
                    TestHub.parse("{\"to\":\"123\",\"text\":\"hello\"}"));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().get("outcome").asText()).isEqualTo("delivered");
            assertThat(ok.json().get("externalRef").asText()).startsWith("out-");
            assertThat(ChatConnector.SENT).anySatisfy(j -> assertThat(j.get("text").asText()).isEqualTo("hello"));

            TestHub.Response failed = hub.post("/api/v1/connections/" + chat + "/actions/message.send",
                    TestHub.parse("{\"to\":\"123\",\"text\":\"fail\"}"));
            assertThat(failed.json().get("outcome").asText()).isEqualTo("failed");
            assertThat(failed.json().get("reason").asText()).contains("recipient rejected");

            TestHub.Response unknown = hub.post("/api/v1/connections/" + chat + "/actions/webhook.register",
                    TestHub.parse("{}"));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).contains("message.send");
            assertThat(hub.post("/api/v1/connections/con_NOPE/actions/message.send", TestHub.parse("{}")).status())
                    .isEqualTo(404);
            hub.put("/api/v1/connections/" + chat, TestHub.parse("{\"enabled\":false}"));
            assertThat(hub.post("/api/v1/connections/" + chat + "/actions/message.send",
                    TestHub.parse("{\"to\":\"1\",\"text\":\"x\"}")).status()).isEqualTo(409);
        }
    }

    /** Answers every call with the idempotency key it was given, as a provider that dedupes on it would see it. */
    static final class Keyed implements io.ponte.api.connector.ConnectorFactory {
        @Override
        public io.ponte.api.connector.ConnectorDescriptor descriptor() {
            return new io.ponte.api.connector.ConnectorDescriptor("keyed", io.ponte.api.connector.Category.PAYMENT,
                    "Keyed", "shows its idempotency keys", io.ponte.api.config.ConfigSpec.of(), java.util.List.of(),
                    java.util.List.of(new io.ponte.api.action.ActionSpec("payment.refund", "refunds", null)));
        }

        @Override
        public io.ponte.api.connector.Connector open(io.ponte.api.connector.ConnectorContext context) {
            return new io.ponte.api.connector.Connector() {
                @Override
                public io.ponte.api.action.ActionResult invoke(io.ponte.api.action.ActionRequest request) {
                    return io.ponte.api.action.ActionResult.delivered(request.idempotencyKey());
                }
            };
        }
    }

    @Test
    void an_idempotency_key_makes_a_repeated_admin_call_reach_the_provider_with_the_same_key() {
        try (TestHub hub = TestHub.builder().database(TestDatabase.h2()).connectors(new Keyed()).start()) {
            String pay = hub.createConnection("keyed", "payments", Map.of());
            String path = "/api/v1/connections/" + pay + "/actions/payment.refund";
            java.util.function.Function<String, TestHub.Response> call = key -> hub.send(java.net.http.HttpRequest
                    .newBuilder(hub.uri(path)).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key));
            String first = call.apply("refund-2026-0042").json().get("externalRef").asText();
            assertThat(call.apply("refund-2026-0042").json().get("externalRef").asText()).isEqualTo(first)
                    .isEqualTo("adm:refund-2026-0042");
            assertThat(hub.post(path, TestHub.parse("{}")).json().get("externalRef").asText())
                    .isNotEqualTo(hub.post(path, TestHub.parse("{}")).json().get("externalRef").asText());
            TestHub.Response bad = call.apply("x".repeat(201));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
        }
    }
}
