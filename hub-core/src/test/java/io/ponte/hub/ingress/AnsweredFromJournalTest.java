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
    void a_journal_left_by_a_crash_is_stored_even_when_answering_from_it_was_turned_off_since() throws Exception {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            assertThat(hub.hook(chat, MESSAGE.formatted("m1", "first")).status()).isEqualTo(200);
            JsonNode m1 = hub.events("connection=" + chat).getFirst();
            Path journal = hub.dataDir().resolve("journal");
            String lostId = Ids.next("evt");
            ObjectNode envelope = ((ObjectNode) m1.get("envelope").deepCopy()).put("id", lostId)
                    .put("externalId", "answered-then-crashed");
            InboxJournal leftover = new InboxJournal(journal.resolve("crashed-run"), 1 << 20);
            leftover.append(1, JournalCodec.encode(List.of(new NewEvent(
                    row(lostId, chat, m1, "answered-then-crashed", envelope), List.of())))).get();
            leftover.close(false);
            try (Stream<Path> files = Files.list(journal.resolve("crashed-run"))) {
                for (Path f : files.toList()) { // beside the running hub's own segments, as a crash leaves them
                    Files.move(f, journal.resolve("0-" + f.getFileName()));
                }
            }

            hub.restartWith("PONTE_INGEST_JOURNAL", "off");

            assertThat(hub.events("connection=" + chat)).extracting(e -> e.get("externalId").asText())
                    .containsExactlyInAnyOrder("m1", "answered-then-crashed");
            assertThat(segments(journal)).isEmpty();
            assertThat(hub.hook(chat, MESSAGE.formatted("m2", "answered after its commit")).status()).isEqualTo(200);
            assertThat(segments(journal)).as("no journal written while it is off").isEmpty();
            assertThat(hub.events("connection=" + chat)).hasSize(3);
            assertThat(hub.get("/metrics").body()).as("the answer waited for its commit")
                    .contains("ponte_inbox_answers_total{answered=\"commit\"} 1.0")
                    .contains("ponte_inbox_answers_total{answered=\"journal\"} 0.0");
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
            assertThat(metrics).as("every one answered from the journal (never more than 16 events waiting)")
                    .contains("ponte_inbox_answers_total{answered=\"journal\"} " + senders + ".0")
                    .contains("ponte_inbox_answers_total{answered=\"commit\"} 0.0");
        }
    }

    @Test
    void a_stalled_writer_gets_answers_from_the_journal_only_up_to_the_bound_the_rest_wait_for_their_commit()
            throws Exception {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            assertThat(hub.hook(chat, MESSAGE.formatted("m0", "first")).status()).isEqualTo(200);
            assertThat(hub.events("connection=" + chat)).as("committed before the stall").hasSize(1);
            int senders = 3 * Inbox.EARLY_BELOW;
            List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            List<Thread> threads = new java.util.ArrayList<>();
            try (java.sql.Connection c = h2(hub); java.sql.Statement s = c.createStatement()) {
                // a transaction holding the conversation's row: the writer's next commit waits for it, as behind a
                // slow chunk write or the compaction step's lock
                c.setAutoCommit(false);
                s.executeUpdate("UPDATE conversations SET updated_at = updated_at");
                for (int i = 0; i < senders; i++) {
                    String id = "m" + (i + 1);
                    threads.add(Thread.ofVirtual().start(() -> statuses.add(hub.hook(chat,
                            MESSAGE.formatted(id, "while the writer waits")).status())));
                }
                try {
                    TestHub.await("the first requests answered from the journal", java.time.Duration.ofSeconds(8),
                            () -> statuses.size() >= Inbox.EARLY_BELOW);
                    Thread.sleep(300);
                    assertThat(statuses).as("the rest wait for their commit while the writer is held")
                            .hasSize(Inbox.EARLY_BELOW);
                } finally {
                    c.rollback(); // the writer's commit goes on
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(statuses).hasSize(senders).containsOnly(200);
            // the requests sent during the stall beyond the bound waited; any still on their way after it did not
            String metrics = hub.get("/metrics").body();
            double waited = TestHub.metric(metrics, "ponte_inbox_answers_total{answered=\"commit\"}");
            assertThat(waited).as("some waited for their commit").isGreaterThanOrEqualTo(1);
            assertThat(TestHub.metric(metrics, "ponte_inbox_answers_total{answered=\"journal\"}") + waited)
                    .isEqualTo(senders + 1);
            assertThat(hub.events("connection=" + chat)).as("every one stored").hasSize(senders + 1);
        }
    }

    @Test
    void requests_answered_from_the_journal_one_after_another_share_a_gathered_commit() throws Exception {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnectorAccess().factory())
                .env("PONTE_INGEST_GATHER_MS", "1000")
                // the dispatcher's claims commit through the inbox's writer and end a wait: rarely, here
                .env("PONTE_DISPATCH_POLL_INTERVAL_MS", "5000").start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            String before = hub.get("/metrics").body();
            int requests = 5;
            for (int i = 0; i < requests; i++) {
                assertThat(hub.hook(chat, MESSAGE.formatted("g" + i, "one after another")).status()).isEqualTo(200);
                Thread.sleep(50); // far longer than a commit of one event: without gathering each commits alone
            }
            // a read waits for the commit, which waited for more requests to join its group
            assertThat(hub.events("connection=" + chat)).hasSize(requests);
            String after = hub.get("/metrics").body();
            String sum = "ponte_inbox_commit_events_sum";
            String count = "ponte_inbox_commit_events_count";
            String single = "ponte_inbox_commit_events_bucket{le=\"1.0\"}";
            assertThat(TestHub.metric(after, sum) - TestHub.metric(before, sum)).isEqualTo(requests);
            double multiAfter = TestHub.metric(after, count) - TestHub.metric(after, single);
            double multiBefore = TestHub.metric(before, count) - TestHub.metric(before, single);
            assertThat(multiAfter - multiBefore)
                    .as("commits of more than one event")
                    .isGreaterThanOrEqualTo(1);
            assertThat(after).contains("ponte_inbox_answers_total{answered=\"journal\"} " + requests + ".0");
        }
    }

    @Test
    void an_answered_request_whose_commit_fails_is_retried_until_it_is_stored() throws Exception {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            Path journal = hub.dataDir().resolve("journal");
            try (java.sql.Connection c = h2(hub); java.sql.Statement s = c.createStatement()) {
                // the history table gone: every commit of a chat message fails (the dedupe read does not)
                s.execute("ALTER TABLE conversation_messages RENAME TO conversation_messages_away");
                assertThat(hub.hook(chat, MESSAGE.formatted("m1", "while commits fail")).status())
                        .as("answered from the journal").isEqualTo(200);
                TestHub.await("the writer retrying", java.time.Duration.ofSeconds(5),
                        () -> hub.get("/health/ready").status() == 503);
                assertThat(hub.get("/health/ready").body()).as("not ready while nothing can be stored")
                        .contains("\"inbox\":\"retrying\"").contains("\"database\":\"up\"");
                assertThat(hub.get("/metrics").body()).contains("ponte_inbox_retrying 1.0");
                assertThat(segments(journal)).as("the journal keeps it while its commit fails").isNotEmpty();
                s.execute("ALTER TABLE conversation_messages_away RENAME TO conversation_messages");
            }
            TestHub.await("stored once commits succeed again", java.time.Duration.ofSeconds(15),
                    () -> hub.events("connection=" + chat).size() == 1);
            com.fasterxml.jackson.databind.JsonNode conversations =
                    hub.get("/api/v1/conversations?connection=" + chat).json().get("items");
            assertThat(conversations).hasSize(1);
            assertThat(hub.get("/api/v1/conversations/" + conversations.get(0).get("id").asText() + "/messages")
                    .json().get("items")).as("with its history row").hasSize(1);
            TestHub.await("its journal segment deleted", java.time.Duration.ofSeconds(5),
                    () -> segments(journal).isEmpty());
            TestHub.Response ready = hub.get("/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"inbox\":\"up\"");
            assertThat(hub.get("/metrics").body()).contains("ponte_inbox_retrying 0.0");
        }
    }

    @Test
    void an_answered_request_the_database_refuses_is_kept_beside_the_journal_and_the_rest_goes_on() throws Exception {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            Path journal = hub.dataDir().resolve("journal");
            try (java.sql.Connection c = h2(hub); java.sql.Statement s = c.createStatement()) {
                // a value the hub's own checks let through but the database refuses (what only a defect can do)
                s.execute("ALTER TABLE events ADD CONSTRAINT no_poison CHECK (external_id <> 'poison')");
            }
            assertThat(hub.hook(chat, MESSAGE.formatted("poison", "refused")).status()).isEqualTo(200);
            assertThat(hub.hook(chat, MESSAGE.formatted("m2", "fine")).status()).isEqualTo(200);

            assertThat(hub.events("connection=" + chat)).extracting(e -> e.get("externalId").asText())
                    .containsExactly("m2");
            List<Path> refused;
            try (Stream<Path> files = Files.list(journal)) {
                refused = files.filter(p -> p.getFileName().toString().startsWith("refused-")).toList();
            }
            assertThat(refused).as("the refused request's record, for an operator").hasSize(1);
            assertThat(JournalCodec.decode(Files.readAllBytes(refused.getFirst())))
                    .extracting(e -> e.event().externalId()).containsExactly("poison");
        }
    }

    private static java.sql.Connection h2(TestHub hub) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:h2:file:" + hub.dataDir().resolve("ponte"), "sa", "");
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
