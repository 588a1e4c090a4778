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
}
