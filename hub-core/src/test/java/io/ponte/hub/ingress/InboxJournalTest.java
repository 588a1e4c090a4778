package io.ponte.hub.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationWrites;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryState;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.EventStore.NewEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox journal's records and files: what a crash leaves is read back exactly, a torn tail is not. */
class InboxJournalTest {

    @TempDir
    Path dir;

    /** Every field set, non-ASCII text and a body beyond {@code writeUTF}'s 64 KB. */
    static NewEvent full(String id) {
        String body = "{\"text\":\"olá ✓ " + "x".repeat(70_000) + "\"}";
        EventRow event = new EventRow(id, "ten_1", "con_in", "message.received", "wamid.1", "conv-1", "cor_1",
                "evt_cause", 1_700_000_000_000L, 1_700_000_000_123L, body, 1, "no route");
        DeliveryRow delivery = new DeliveryRow("dlv_" + id, "ten_1", id, "rte_1", "con_out", "message.send",
                "{\"to\":\"1\"}", "con_out|1", DeliveryState.QUEUED, 2, 1_700_000_000_500L, "node-a", "boom", "ref-1",
                1_700_000_000_124L, 1_700_000_000_125L, 1_700_000_000_126L);
        ConversationWrites writes = new ConversationWrites(
                List.of(new ConversationWrites.Touch("conv-1", "ten_1", "k", "con_in", "+5511", "Ana", 7L)),
                List.of(new ConversationMessageRow("cm_1", "conv-1", "con_in", ConversationMessageRow.INBOUND, id,
                        "dlv_" + id, "wamid.1", "received", 3, "err", "Ana", "olá", 8L, 9L)),
                List.of(new ConversationWrites.StatusChange("con_out", "conv-1", "wamid.0", "read", 4, null, 10L)));
        return new NewEvent(event, List.of(delivery), writes);
    }

    /** Nulls wherever a column allows one. */
    static NewEvent sparse(String id) {
        EventRow event = new EventRow(id, "ten_1", "con_in", "message.received", null, null, "cor_2", null, 1L, 2L,
                "{}", 1, null);
        DeliveryRow delivery = new DeliveryRow("dlv_" + id, "ten_1", id, "rte_1", "con_out", "message.send", null,
                "con_out|2", DeliveryState.PENDING, 0, 3L, null, null, null, 4L, 5L, null);
        return new NewEvent(event, List.of(delivery), ConversationWrites.NONE);
    }

    @Test
    void a_record_gives_back_every_field_of_what_the_commit_writes() {
        List<NewEvent> events = List.of(full("evt_1"), sparse("evt_2"));

        assertThat(JournalCodec.decode(JournalCodec.encode(events))).isEqualTo(events);
    }

    @Test
    void a_record_of_another_version_or_cut_short_is_refused_not_read_wrong() {
        byte[] record = JournalCodec.encode(List.of(sparse("evt_1")));
        byte[] other = record.clone();
        other[0] = (byte) (JournalCodec.VERSION + 1);
        byte[] cut = java.util.Arrays.copyOf(record, record.length - 3);

        assertThatThrownBy(() -> JournalCodec.decode(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version " + (JournalCodec.VERSION + 1));
        assertThatThrownBy(() -> JournalCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut short");
    }

    @Test
    void records_are_read_back_in_order_across_segments_and_a_torn_tail_is_dropped() throws Exception {
        InboxJournal journal = new InboxJournal(dir, 200); // a new segment after every write of 200 bytes or more
        for (int i = 1; i <= 5; i++) {
            journal.append(i, ("request " + i + " ").repeat(30).getBytes(StandardCharsets.UTF_8)).get();
        }
        journal.close(false);
        assertThat(segments()).as("one segment per write").hasSize(5);
        // what a kill -9 in the middle of a write leaves: a header promising more bytes than follow
        Path last = segments().getLast();
        Files.write(last, new byte[]{0, 0, 1, 0, 1, 2, 3, 4, 'x', 'y'}, StandardOpenOption.APPEND);

        List<byte[]> read = InboxJournal.read(dir);

        assertThat(read).hasSize(5);
        for (int i = 1; i <= 5; i++) {
            assertThat(new String(read.get(i - 1), StandardCharsets.UTF_8)).startsWith("request " + i + " ");
        }
        InboxJournal.clear(dir);
        assertThat(segments()).isEmpty();
        assertThat(InboxJournal.read(dir)).isEmpty();
    }

    @Test
    void a_record_failing_its_checksum_ends_its_segment() throws Exception {
        InboxJournal journal = new InboxJournal(dir, 1 << 20);
        journal.append(1, "first".getBytes(StandardCharsets.UTF_8)).get();
        journal.append(2, "second".getBytes(StandardCharsets.UTF_8)).get();
        journal.close(false);
        Path segment = segments().getFirst();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 1] ^= 1; // the last byte of "second"
        Files.write(segment, bytes);

        assertThat(InboxJournal.read(dir)).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("first");
    }

    @Test
    void committed_segments_are_deleted_and_a_clean_close_leaves_nothing_to_replay() throws Exception {
        InboxJournal journal = new InboxJournal(dir, 10);
        for (int i = 1; i <= 4; i++) {
            journal.append(i, ("r" + i).repeat(10).getBytes(StandardCharsets.UTF_8)).get();
        }
        assertThat(segments()).hasSize(4);

        journal.committedThrough(2);
        assertThat(segments()).as("the segments of requests 3 and 4 are kept").hasSize(2);
        assertThat(InboxJournal.read(dir)).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("r3".repeat(10), "r4".repeat(10));

        journal.close(true);
        assertThat(segments()).isEmpty();
    }

    @Test
    void an_idle_journal_whose_requests_are_all_committed_keeps_no_file() throws Exception {
        InboxJournal journal = new InboxJournal(dir, 1 << 20);
        journal.append(1, "only".getBytes(StandardCharsets.UTF_8)).get();
        assertThat(segments()).hasSize(1);

        journal.committedThrough(1);

        io.ponte.hub.testing.TestHub.await("the open segment closed and deleted once idle",
                java.time.Duration.ofSeconds(5), () -> segments().isEmpty());
        journal.close(false);
        assertThat(InboxJournal.read(dir)).isEmpty();
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(InboxJournal.SUFFIX)).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
