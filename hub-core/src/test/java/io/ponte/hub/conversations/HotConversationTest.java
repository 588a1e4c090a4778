package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many messages of one conversation: the dispatcher sends them one after another from memory (its lane for the
 * conversation) and records their outcomes afterwards. Order, attempt counts and the queue's bookkeeping must come
 * out exactly as if each had been claimed from the database, including when one of them must be tried again.
 */
class HotConversationTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** An inbound and an outbound chat connection, every inbound message relayed to the outbound one. */
    private record Relay(String in, String out) {
        static Relay on(TestHub hub) {
            Relay r = new Relay(hub.createConnection("chat", "in", Map.of()),
                    hub.createConnection("chat", "out", Map.of()));
            hub.createRelay(r.in(), r.out());
            return r;
        }
    }

    private static String batch(String from, List<String> texts, String idPrefix, int first) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            items.add("{\"kind\":\"message\",\"id\":\"%s-%d\",\"from\":\"%s\",\"text\":\"%s\"}"
                    .formatted(idPrefix, first + i, from, texts.get(i)));
        }
        return "[" + String.join(",", items) + "]";
    }

    private static List<String> sentTo(String address) {
        return ChatConnector.SENT.stream().filter(s -> s.path("to").asText().equals(address))
                .map(s -> s.path("text").asText()).toList();
    }

    /**
     * A relay whose target sends one message per 300 ms in a conversation, and {@code texts} from {@code from} posted
     * to it; returns once the first went out, so the conversation's lane holds the rest in memory.
     */
    private static Relay slowConversation(TestHub hub, String from, List<String> texts, String idPrefix) {
        Relay io = Relay.on(hub);
        assertThat(hub.put("/api/v1/connections/" + io.out(),
                TestHub.parse("{\"config\":{\"conversationGapMs\":300}}")).status()).isEqualTo(200);
        assertThat(hub.hook(io.in(), batch(from, texts, idPrefix, 0)).status()).isEqualTo(200);
        TestHub.await("the first went out", Duration.ofSeconds(10), () -> !sentTo(from).isEmpty());
        return io;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_busy_conversation_is_delivered_in_order_each_message_once_and_its_queue_ends_empty(TestDatabase db) {
        String from = "55" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            Relay io = Relay.on(hub);
            List<String> texts = IntStream.range(0, 400).mapToObj(i -> "n-%03d".formatted(i)).toList();
            // 20 webhooks of 20 messages, posted one after another while the first ones are still being sent
            for (int b = 0; b < 20; b++) {
                assertThat(hub.hook(io.in(), batch(from, texts.subList(b * 20, b * 20 + 20), "m", b * 20)).status())
                        .isEqualTo(200);
            }
            TestHub.await("all 400 sent", Duration.ofSeconds(30), () -> sentTo(from).size() >= 400);
            assertThat(sentTo(from)).as("each once, in order").containsExactlyElementsOf(texts);
            TestHub.await("every outcome recorded", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + io.out())
                    .stream().allMatch(d -> d.get("status").asText().equals("delivered")));
            List<JsonNode> deliveries = hub.deliveries("connection=" + io.out());
            assertThat(deliveries).hasSize(400).allSatisfy(d -> {
                assertThat(d.get("attempts").asInt()).as("one attempt each").isEqualTo(1);
                assertThat(d.hasNonNull("deliveredAt")).isTrue();
            });
            // the history shows every reply sent, and nothing is left waiting or in flight
            assertThat(hub.deliveries("status=queued")).isEmpty();
            assertThat(hub.deliveries("status=inflight")).isEmpty();
            assertThat(hub.get("/metrics").body()).contains("ponte_outbox_depth 0.0");

            // the conversation goes on afterwards as a new lane
            assertThat(hub.hook(io.in(), batch(from, List.of("after"), "late", 0)).status()).isEqualTo(200);
            TestHub.await("the next one", Duration.ofSeconds(10), () -> sentTo(from).contains("after"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_message_that_must_be_tried_again_holds_the_ones_behind_it_until_it_is_delivered(TestDatabase db) {
        String from = "56" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String flaky = "retry-once-" + UUID.randomUUID();
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            Relay io = Relay.on(hub);
            List<String> texts = new ArrayList<>(IntStream.range(0, 30).mapToObj(i -> "r-%02d".formatted(i)).toList());
            texts.set(10, flaky);
            assertThat(hub.hook(io.in(), batch(from, texts, "r", 0)).status()).isEqualTo(200);
            TestHub.await("all sent", Duration.ofSeconds(30), () -> sentTo(from).size() >= 31);
            List<String> expected = new ArrayList<>(texts);
            expected.add(11, flaky); // answered "retry" once, sent again before anything behind it
            assertThat(sentTo(from)).containsExactlyElementsOf(expected);
            TestHub.await("every outcome recorded", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + io.out())
                    .stream().allMatch(d -> d.get("status").asText().equals("delivered")));
            assertThat(hub.deliveries("connection=" + io.out()))
                    .extracting(d -> d.get("attempts").asInt())
                    .containsOnly(1, 2)
                    .filteredOn(n -> n == 2).hasSize(1);
            assertThat(hub.deliveries("status=queued")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_message_cancelled_while_its_conversation_is_being_sent_is_never_sent(TestDatabase db) {
        String from = "57" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            List<String> texts = IntStream.range(0, 8).mapToObj(i -> "c-%d".formatted(i)).toList();
            Relay io = slowConversation(hub, from, texts, "c");
            JsonNode last = hub.deliveries("connection=" + io.out()).get(0); // newest first: c-7
            TestHub.Response cancel = hub.post("/api/v1/deliveries/" + last.get("id").asText() + "/cancel",
                    TestHub.parse("{}"));
            assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
            TestHub.await("the rest sent", Duration.ofSeconds(20), () -> sentTo(from).size() >= 7);
            TestHub.await("every outcome recorded", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + io.out())
                    .stream().noneMatch(d -> d.get("status").asText().matches("pending|queued|inflight")));
            assertThat(sentTo(from)).containsExactlyElementsOf(texts.subList(0, 7));
            assertThat(hub.deliveries("connection=" + io.out() + "&status=cancelled")).hasSize(1);
            assertThat(hub.deliveries("connection=" + io.out() + "&status=delivered")).hasSize(7);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_contact_erased_while_its_conversation_is_being_sent_gets_nothing_more_sent(TestDatabase db)
            throws InterruptedException {
        String from = "58" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            List<String> texts = IntStream.range(0, 8).mapToObj(i -> "e-%d".formatted(i)).toList();
            Relay io = slowConversation(hub, from, texts, "e");
            String contact = hub.get("/api/v1/contacts?q=" + from).json().get("items").get(0).get("id").asText();

            // the one the lane is sending holds the erasure back (409); the ones behind it are cancelled at once
            TestHub.Response erased = hub.delete("/api/v1/contacts/" + contact);
            int refused = 0;
            while (erased.status() == 409 && refused++ < 100) {
                assertThat(erased.body()).contains("being sent right now").contains("retry");
                Thread.sleep(50);
                erased = hub.delete("/api/v1/contacts/" + contact);
            }
            assertThat(erased.status()).as(erased.body()).isEqualTo(200);
            int sentAtErasure = sentTo(from).size();
            assertThat(sentAtErasure).as("the erasure did not wait for the whole conversation").isLessThan(texts.size());

            Thread.sleep(1_500); // five of the conversation's gaps: its lane would have sent five more by now
            assertThat(sentTo(from)).as("nothing was sent after the erasure").hasSize(sentAtErasure)
                    .containsExactlyElementsOf(texts.subList(0, sentAtErasure));
            assertThat(hub.deliveries("connection=" + io.out())).as("its deliveries are gone").isEmpty();
            assertThat(hub.get("/api/v1/contacts/" + contact).status()).isEqualTo(404);

            // the outbound conversation's queue is not left stuck: another contact's messages go through
            String other = "59" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
            assertThat(hub.hook(io.in(), batch(other, List.of("after"), "f", 0)).status()).isEqualTo(200);
            TestHub.await("another contact's message sent", Duration.ofSeconds(10),
                    () -> sentTo(other).equals(List.of("after")));
        }
    }
}
