package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET /api/v1/stats}: real traffic through the hub, counted per minute and per connection, per tenant. */
class StatsTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void counts_received_sent_and_dead_with_latencies_per_minute_and_connection_for_the_keys_tenant(TestDatabase db) {
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "a", Map.of());
            hub.createRoute(echo(chat));
            String tenantB = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"B\"}")).json().get("id").asText();
            String writerB = key(hub, tenantB, "write");
            String chatB = hub.call(writerB, "POST", "/api/v1/connections",
                    "{\"connector\":\"chat\",\"name\":\"b\",\"config\":{}}").json().get("id").asText();
            assertThat(hub.call(writerB, "POST", "/api/v1/routes", echo(chatB)).status()).isEqualTo(201);

            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"11\",\"text\":\"oi\"},"
                    + "{\"kind\":\"message\",\"id\":\"m2\",\"from\":\"12\",\"text\":\"ola\"},"
                    + "{\"kind\":\"message\",\"id\":\"m3\",\"from\":\"13\",\"text\":\"fail\"}]");
            hub.hook(chatB, "[{\"kind\":\"message\",\"id\":\"b1\",\"from\":\"21\",\"text\":\"hey\"}]");
            TestHub.await("every delivery finished", Duration.ofSeconds(20),
                    () -> hub.deliveries("status=delivered").size() == 3 && hub.deliveries("status=dead").size() == 1);

            JsonNode mine = stats(hub, key(hub, "default", "read"), 5);
            assertThat(mine.get("minutes")).hasSize(5);
            assertThat(Instant.parse(mine.at("/minutes/0/minute").asText()))
                    .isEqualTo(Instant.parse(mine.get("from").asText()));
            assertThat(Duration.between(Instant.parse(mine.get("from").asText()),
                    Instant.parse(mine.get("to").asText()))).isLessThanOrEqualTo(Duration.ofMinutes(5));
            assertThat(sum(mine, "received")).isEqualTo(3);
            assertThat(sum(mine, "sent")).isEqualTo(2);
            assertThat(sum(mine, "dead")).isEqualTo(1);
            assertThat(sum(mine, "failed")).isZero();
            assertThat(mine.get("connections")).hasSize(1);
            JsonNode a = mine.at("/connections/0");
            assertThat(a.get("connectionId").asText()).isEqualTo(chat);
            assertThat(List.of(a.get("received").asLong(), a.get("sent").asLong(), a.get("dead").asLong()))
                    .containsExactly(3L, 2L, 1L);

            // latency: event stored → delivered, as the deliveries themselves say (buckets are under 1.6 % wide)
            List<Long> actual = new ArrayList<>();
            hub.deliveries("status=delivered&connection=" + chat).forEach(d -> actual.add(
                    Duration.between(Instant.parse(d.get("createdAt").asText()),
                            Instant.parse(d.get("deliveredAt").asText())).toMillis()));
            long slowest = actual.stream().max(Long::compare).orElseThrow();
            assertThat(a.get("latencyP95Ms").asLong()).isBetween((long) (slowest * 0.98), slowest);
            JsonNode busy = StreamSupport.stream(mine.get("minutes").spliterator(), false)
                    .filter(m -> m.get("sent").asLong() > 0).findFirst().orElseThrow();
            assertThat(busy.get("latencyP50Ms").asLong()).isLessThanOrEqualTo(busy.get("latencyP95Ms").asLong());
            JsonNode quiet = StreamSupport.stream(mine.get("minutes").spliterator(), false)
                    .filter(m -> m.get("sent").asLong() == 0).findFirst().orElseThrow();
            assertThat(quiet.get("latencyP95Ms").isNull()).isTrue();

            JsonNode b = stats(hub, key(hub, tenantB, "read"), 5);
            assertThat(sum(b, "received")).isEqualTo(1);
            assertThat(b.get("connections")).hasSize(1);
            assertThat(b.at("/connections/0/connectionId").asText()).isEqualTo(chatB);

            JsonNode all = stats(hub, TestHub.ADMIN_TOKEN, 60);
            assertThat(all.get("minutes")).hasSize(60);
            assertThat(sum(all, "received")).isEqualTo(4);
            assertThat(sum(all, "sent")).isEqualTo(3);

            for (String bad : new String[]{"0", "1441", "soon"}) {
                TestHub.Response r = hub.get("/api/v1/stats?minutes=" + bad);
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("minutes");
            }
        }
    }

    private static String echo(String chat) {
        return """
                {"name":"echo","match":{"source":"%s","type":"message.inbound"},
                 "actions":[{"target":"%s","action":"message.send","input":{"to":"{{payload.from.address}}",
                 "text":"{{payload.content.text}}"}}]}""".formatted(chat, chat);
    }

    private static JsonNode stats(TestHub hub, String token, int minutes) {
        TestHub.Response r = hub.call(token, "GET", "/api/v1/stats?minutes=" + minutes, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static long sum(JsonNode stats, String field) {
        long n = 0;
        for (JsonNode m : stats.get("minutes")) {
            n += m.get(field).asLong();
        }
        return n;
    }

    private static String key(TestHub hub, String tenant, String role) {
        TestHub.Response r = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"k\",\"role\":\"" + role
                + "\",\"tenant\":\"" + tenant + "\"}"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }
}
