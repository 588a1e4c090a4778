package io.ponte.hub.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.conversations.ChatConnectorAccess;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.EventStore.NewEvent;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A webhook is answered once its request is in the inbox's journal (H2 file): what a crash leaves there, answered
 * but not committed, is stored at the next start, exactly once, before the hub takes requests.
 */
class AnsweredFromJournalTest {

    private static final String MESSAGE = "[{\"kind\":\"message\",\"id\":\"%s\",\"from\":\"1\",\"text\":\"%s\"}]";

    @Test
    void what_a_crash_left_in_the_journal_is_stored_at_the_next_start_once() throws Exception {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            assertThat(hub.hook(chat, MESSAGE.formatted("m1", "first")).status()).isEqualTo(200);
            List<JsonNode> before = hub.events("connection=" + chat);
            assertThat(before).as("a read after the answer sees the event").hasSize(1);
            JsonNode m1 = before.getFirst();
            Path journal = hub.dataDir().resolve("journal");
            assertThat(journal).as("the H2 hub keeps its journal in the data dir").isDirectory();

            hub.restart(config -> {
                // what a kill -9 leaves: m1's segment not yet deleted (its request is committed), m2 answered and
                // never committed, then a write the kill cut short (never answered)
                String m2Id = Ids.next("evt");
                ObjectNode m2Envelope = ((ObjectNode) m1.get("envelope").deepCopy()).put("id", m2Id)
                        .put("externalId", "m2");
                NewEvent again = new NewEvent(row(m1.get("id").asText(), chat, m1, "m1", m1.get("envelope")),
                        List.of());
                NewEvent m2 = new NewEvent(row(m2Id, chat, m1, "m2", m2Envelope), List.of());
                InboxJournal leftover = new InboxJournal(journal, 1 << 20);
                try {
                    leftover.append(1, JournalCodec.encode(List.of(again))).get();
                    leftover.append(2, JournalCodec.encode(List.of(m2))).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                leftover.close(false);
                try {
                    Files.write(segments(journal).getLast(), new byte[]{0, 0, 0, 99, 1, 2}, StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            List<JsonNode> after = hub.events("connection=" + chat);
            assertThat(after).extracting(e -> e.get("externalId").asText())
                    .as("m2 stored from the journal, m1 not twice").containsExactlyInAnyOrder("m1", "m2");
            assertThat(segments(journal)).as("a stored journal is cleared").isEmpty();

            assertThat(hub.hook(chat, MESSAGE.formatted("m2", "again")).status()).isEqualTo(200);
            assertThat(hub.hook(chat, MESSAGE.formatted("m3", "third")).status()).isEqualTo(200);
            assertThat(hub.events("connection=" + chat)).extracting(e -> e.get("externalId").asText())
                    .as("the replayed event dedupes a provider's retry; new ones are stored")
                    .containsExactlyInAnyOrder("m1", "m2", "m3");
        }
    }

    @Test
    void repeats_answered_before_the_first_one_is_committed_are_duplicates() throws Exception {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            int senders = 16;
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Thread> threads = new java.util.ArrayList<>();
            List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (int i = 0; i < senders; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        statuses.add(hub.hook(chat, MESSAGE.formatted("same", "once")).status());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }

            assertThat(statuses).hasSize(senders).containsOnly(200);
            assertThat(hub.events("connection=" + chat)).as("stored once").hasSize(1);
            String metrics = hub.get("/metrics").body();
            assertThat(metrics).as("one accepted, every other answer counted as a duplicate")
                    .contains("ponte_webhooks_total{connection=\"" + chat + "\",outcome=\"accepted\"} 1.0")
                    .contains("ponte_webhooks_total{connection=\"" + chat + "\",outcome=\"duplicate\"} "
                            + (senders - 1) + ".0");
        }
    }

    private static EventRow row(String id, String connection, JsonNode like, String externalId, JsonNode envelope) {
        long at = java.time.Instant.parse(like.get("receivedAt").asText()).toEpochMilli();
        return new EventRow(id, envelope.get("tenant").asText(), connection, like.get("type").asText(), externalId,
                like.path("conversation").isNull() ? null : like.path("conversation").asText(null),
                envelope.get("correlationId").asText(), null, at, at, envelope.toString(), 0, null);
    }

    private static List<Path> segments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(InboxJournal.SUFFIX)).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
