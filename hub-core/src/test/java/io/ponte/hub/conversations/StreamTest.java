package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.SseClient;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /api/v1/stream} over real HTTP: what a tenant's key sees live, resuming after a disconnect from the
 * database with {@code Last-Event-ID} (everything missed arrives once, in order), and nothing of another tenant.
 */
class StreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_read_key_streams_its_tenants_changes_and_resumes_after_a_disconnect_without_gaps_or_repeats(
            TestDatabase db) {
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "default chat", Map.of());
            hub.createRoute("""
                    {"name":"echo","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"message.send","input":{"to":"{{payload.from.address}}",
                     "text":"ok"}}]}""".formatted(chat, chat));
            String reader = key(hub, "default", "read");
            String tenantB = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"B\"}")).json().get("id").asText();
            String writerB = key(hub, tenantB, "write");
            String readerB = key(hub, tenantB, "read");
            String chatB = hub.call(writerB, "POST", "/api/v1/connections",
                    "{\"connector\":\"chat\",\"name\":\"b chat\",\"config\":{}}").json().get("id").asText();

            SseClient streamB = SseClient.open(hub, readerB, "/api/v1/stream", null);
            SseClient first = SseClient.open(hub, reader, "/api/v1/stream", null);
            assertThat(first.response().statusCode()).isEqualTo(200);
            assertThat(first.response().headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/event-stream");
            first.await("the connection's health first", WAIT, m -> m.event().equals("health"));
            assertThat(json(first.messages("health").get(0)).get("connectionId").asText()).isEqualTo(chat);

            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"11\",\"text\":\"oi\"}]");
            first.await("the delivered reply of m1", WAIT, m -> m.event().equals("delivery")
                    && json(m).get("status").asText().equals("delivered"));
            JsonNode event = json(first.messages("event").get(0));
            assertThat(event.get("connection").asText()).isEqualTo(chat);
            assertThat(event.get("externalId").asText()).isEqualTo("m1");
            assertThat(event.at("/envelope/payload/content/text").asText()).isEqualTo("oi");
            first.await("the conversation", WAIT, m -> m.event().equals("conversation"));
            first.await("the inbound and outbound history entries", WAIT, m -> false
                    || first.messages("message").stream().map(StreamTest::json)
                    .map(j -> j.at("/entry/direction").asText()).distinct().count() == 2);
            JsonNode message = json(first.messages("message").get(0));
            String conversation = message.get("conversationId").asText();
            assertThat(hub.get("/api/v1/conversations/" + conversation).status()).isEqualTo(200);
            assertThat(message.at("/entry/direction").asText()).isEqualTo("inbound");
            String lastSeen = first.lastId();
            first.close();

            // while away: two more messages, routed and answered
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m2\",\"from\":\"11\",\"text\":\"dois\"}]");
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m3\",\"from\":\"11\",\"text\":\"tres\"}]");
            TestHub.await("all three replies", WAIT, () -> hub.deliveries("status=delivered").size() == 3);

            try (SseClient resumed = SseClient.open(hub, reader, "/api/v1/stream", lastSeen)) {
                resumed.await("the replies of m2 and m3, delivered", WAIT, m -> deliveredCount(resumed) == 2);
                List<String> externalIds = resumed.messages("event").stream()
                        .map(m -> json(m).get("externalId").asText()).toList();
                assertThat(externalIds).containsExactly("m2", "m3");
                List<String> ids = resumed.messages().stream().map(SseClient.Message::id)
                        .filter(java.util.Objects::nonNull).toList();
                assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(CURSOR_ORDER);
                assertThat(CURSOR_ORDER.compare(ids.get(0), lastSeen)).isPositive();
                // nothing seen before the disconnect comes again
                List<String> before = first.messages().stream().map(SseClient.Message::id)
                        .filter(java.util.Objects::nonNull).toList();
                assertThat(ids).doesNotContainAnyElementsOf(before);
            }

            // tenant B's stream saw its own connection's health and traffic, and nothing of the default tenant
            hub.hook(chatB, "[{\"kind\":\"message\",\"id\":\"b1\",\"from\":\"22\",\"text\":\"b\"}]");
            streamB.await("B's own event", WAIT, m -> m.event().equals("event"));
            streamB.close();
            List<String> seen = new ArrayList<>();
            for (SseClient.Message m : streamB.messages()) {
                JsonNode j = json(m);
                seen.add(m.event() + " " + j.path("connection").asText(j.path("connectionId").asText()));
                assertThat(m.data()).doesNotContain(chat);
            }
            assertThat(seen).contains("health " + chatB, "event " + chatB);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void refuses_an_unknown_type_and_a_position_it_did_not_write(TestDatabase db) {
        try (TestHub hub = TestHub.builder().database(db).start()) {
            TestHub.Response types = hub.get("/api/v1/stream?types=event,nope");
            assertThat(types.status()).isEqualTo(400);
            assertThat(types.body()).contains("types");
            TestHub.Response position = hub.get("/api/v1/stream?lastEventId=yesterday");
            assertThat(position.status()).isEqualTo(400);
            assertThat(position.body()).contains("Last-Event-ID");
            assertThat(hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/api/v1/stream")).GET()).status())
                    .isEqualTo(401);
        }
    }

    /** The stream's ids: {@code <time>.<rank>.<row id>}, ordered by time, then rank, then row id. */
    private static final Comparator<String> CURSOR_ORDER = Comparator
            .comparingLong((String s) -> Long.parseLong(s.split("\\.")[0]))
            .thenComparingInt(s -> Integer.parseInt(s.split("\\.")[1]))
            .thenComparing(s -> s.split("\\.")[2]);

    private static long deliveredCount(SseClient stream) {
        return stream.messages("delivery").stream().filter(m -> json(m).get("status").asText().equals("delivered"))
                .count();
    }

    private static String key(TestHub hub, String tenant, String role) {
        TestHub.Response r = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"k\",\"role\":\"" + role
                + "\",\"tenant\":\"" + tenant + "\"}"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    private static JsonNode json(SseClient.Message m) {
        return TestHub.parse(m.data());
    }
}
