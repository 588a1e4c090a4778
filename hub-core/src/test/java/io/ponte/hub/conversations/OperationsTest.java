package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Operators' tools over HTTP: bulk retry of dead deliveries, cancelling waiting ones, the audit log. */
class OperationsTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static long sentWith(String text) {
        return ChatConnector.SENT.stream().filter(j -> j.path("text").asText().equals(text)).count();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void dead_deliveries_are_retried_in_bulk_by_connection(TestDatabase db) {
        ChatConnector.SENT.clear();
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            hub.createRelay(chat, chat);
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"a\",\"from\":\"1\",\"text\":\"fail\"},"
                    + "{\"kind\":\"message\",\"id\":\"b\",\"from\":\"2\",\"text\":\"fail\"}]");
            TestHub.await("both dead", Duration.ofSeconds(10), () -> hub.deliveries("status=dead").size() == 2);
            assertThat(sentWith("fail")).isEqualTo(2);

            assertThat(hub.post("/api/v1/deliveries/retry", TestHub.parse("{}")).status()).as("no filter").isEqualTo(400);
            TestHub.Response r = hub.post("/api/v1/deliveries/retry", TestHub.parse("{\"connection\":\"" + chat + "\"}"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("retried").asInt()).isEqualTo(2);
            TestHub.await("tried again", Duration.ofSeconds(10), () -> sentWith("fail") == 4
                    && hub.deliveries("status=dead").size() == 2);
            assertThat(hub.deliveries("")).allSatisfy(d -> assertThat(d.get("attempts").asInt()).isEqualTo(1));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void waiting_deliveries_are_cancelled_one_by_one_or_in_bulk_and_never_sent(TestDatabase db) {
        ChatConnector.SENT.clear();
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            String in = hub.createConnection("chat", "in", Map.of());
            String out = hub.createConnection("chat", "out", Map.of());
            hub.createRelay(in, out);
            hub.put("/api/v1/connections/" + out, TestHub.parse("{\"enabled\":false}"));
            hub.hook(in, "[{\"kind\":\"message\",\"id\":\"a\",\"from\":\"7\",\"text\":\"um\"},"
                    + "{\"kind\":\"message\",\"id\":\"b\",\"from\":\"7\",\"text\":\"dois\"},"
                    + "{\"kind\":\"message\",\"id\":\"c\",\"from\":\"7\",\"text\":\"três\"}]");
            // the head was tried once and put back to wait for the connection (30 s): nothing is in flight now
            TestHub.await("the head parked", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + out).stream()
                    .anyMatch(d -> d.get("status").asText().equals("pending") && d.path("lastError").asText()
                            .contains("not open")));
            List<JsonNode> waiting = hub.deliveries("connection=" + out);
            assertThat(waiting).hasSize(3);
            String queued = waiting.stream().filter(d -> d.get("status").asText().equals("queued")).findFirst()
                    .orElseThrow().get("id").asText();

            TestHub.Response one = hub.post("/api/v1/deliveries/" + queued + "/cancel", TestHub.parse("{}"));
            assertThat(one.status()).as(one.body()).isEqualTo(200);
            assertThat(one.json().get("status").asText()).isEqualTo("cancelled");
            assertThat(hub.post("/api/v1/deliveries/" + queued + "/cancel", TestHub.parse("{}")).status())
                    .as("already cancelled").isEqualTo(409);
            TestHub.Response bulk = hub.post("/api/v1/deliveries/cancel", TestHub.parse("{\"connection\":\"" + out + "\"}"));
            assertThat(bulk.json().get("cancelled").asInt()).isEqualTo(2);

            hub.put("/api/v1/connections/" + out, TestHub.parse("{\"enabled\":true}"));
            hub.hook(in, "[{\"kind\":\"message\",\"id\":\"d\",\"from\":\"7\",\"text\":\"quatro\"}]");
            TestHub.await("the next message goes out", Duration.ofSeconds(10), () -> sentWith("quatro") == 1);
            assertThat(sentWith("um") + sentWith("dois") + sentWith("três")).as("cancelled ones never sent").isZero();
            assertThat(hub.deliveries("connection=" + out + "&status=cancelled")).hasSize(3);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void every_mutation_is_in_the_audit_log_with_its_key_and_target_and_no_body(TestDatabase db) {
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of("mediaSha256", "not-in-the-audit-log-42"));
            hub.put("/api/v1/connections/" + chat, TestHub.parse("{\"enabled\":false}"));
            hub.get("/api/v1/connections");
            hub.delete("/api/v1/connections/" + chat);

            JsonNode items = hub.get("/api/v1/audit").json().get("items");
            assertThat(items).extracting(i -> i.get("action").asText()).containsExactly(
                    "DELETE /api/v1/connections/{id}", "PUT /api/v1/connections/{id}", "POST /api/v1/connections");
            assertThat(items).allSatisfy(i -> {
                assertThat(i.get("target").asText()).isEqualTo(chat);
                assertThat(i.get("key").asText()).isEqualTo("bootstrap").doesNotContain(TestHub.ADMIN_TOKEN);
            });
            assertThat(items.get(2).get("status").asInt()).isEqualTo(201);
            assertThat(hub.get("/api/v1/audit?target=" + chat + "&limit=1").json().get("nextCursor")).isNotNull();
            assertThat(hub.get("/api/v1/audit").body()).doesNotContain("not-in-the-audit-log-42");
        }
    }

    @org.junit.jupiter.api.Test
    void connections_and_routes_are_listed_in_cursor_pages() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector()).start()) {
            for (int i = 0; i < 5; i++) {
                hub.createConnection("chat", "c" + i, Map.of());
            }
            JsonNode first = hub.get("/api/v1/connections?limit=2").json();
            assertThat(first.get("items")).hasSize(2);
            JsonNode second = hub.get("/api/v1/connections?limit=2&cursor=" + first.get("nextCursor").asText()).json();
            JsonNode third = hub.get("/api/v1/connections?limit=2&cursor=" + second.get("nextCursor").asText()).json();
            assertThat(third.get("items")).hasSize(1);
            assertThat(third.has("nextCursor")).isFalse();
            assertThat(first.get("items").get(0).get("name").asText()).as("newest first").isEqualTo("c4");
            assertThat(hub.get("/api/v1/connections?connector=none").json().get("items")).isEmpty();
            assertThat(hub.get("/api/v1/routes?limit=0").status()).isEqualTo(400);
        }
    }
}
