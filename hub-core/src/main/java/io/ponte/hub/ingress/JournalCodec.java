package io.ponte.hub.ingress;

import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationWrites;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryState;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.EventStore.NewEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request's events as bytes in the {@link InboxJournal}: every field of the rows the inbox's commit writes (the
 * event, the deliveries routing produced, the conversation writes), so a replay stores exactly what the answered
 * request would have. Written and read by the same version of the hub (a journal outlives a process only between a
 * crash and the next start), so the format carries a version byte and nothing else for evolution: a record of
 * another version is refused with a message, never read wrong.
 */
final class JournalCodec {

    static final int VERSION = 1;

    private JournalCodec() {
    }

    static byte[] encode(List<NewEvent> events) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + 2 * events.stream()
                    .mapToInt(e -> e.event().body() == null ? 0 : e.event().body().length()).sum());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeInt(events.size());
            for (NewEvent n : events) {
                event(out, n.event());
                out.writeInt(n.deliveries().size());
                for (DeliveryRow d : n.deliveries()) {
                    delivery(out, d);
                }
                ConversationWrites w = n.conversation();
                out.writeInt(w.touches().size());
                for (ConversationWrites.Touch t : w.touches()) {
                    str(out, t.id());
                    str(out, t.tenantId());
                    str(out, t.key());
                    str(out, t.connectionId());
                    str(out, t.address());
                    str(out, t.contactName());
                    out.writeLong(t.at());
                }
                out.writeInt(w.messages().size());
                for (ConversationMessageRow m : w.messages()) {
                    message(out, m);
                }
                out.writeInt(w.statuses().size());
                for (ConversationWrites.StatusChange s : w.statuses()) {
                    str(out, s.connectionId());
                    str(out, s.conversationId());
                    str(out, s.externalRef());
                    str(out, s.status());
                    out.writeInt(s.rank());
                    str(out, s.error());
                    out.writeLong(s.at());
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a record of this version */
    static List<NewEvent> decode(byte[] record) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("journal record of version " + version + ", this hub reads "
                        + VERSION);
            }
            int count = in.readInt();
            List<NewEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                EventRow event = event(in);
                int nd = in.readInt();
                List<DeliveryRow> deliveries = new ArrayList<>(nd);
                for (int j = 0; j < nd; j++) {
                    deliveries.add(delivery(in));
                }
                int nt = in.readInt();
                List<ConversationWrites.Touch> touches = new ArrayList<>(nt);
                for (int j = 0; j < nt; j++) {
                    touches.add(new ConversationWrites.Touch(str(in), str(in), str(in), str(in), str(in), str(in),
                            in.readLong()));
                }
                int nm = in.readInt();
                List<ConversationMessageRow> messages = new ArrayList<>(nm);
                for (int j = 0; j < nm; j++) {
                    messages.add(message(in));
                }
                int ns = in.readInt();
                List<ConversationWrites.StatusChange> statuses = new ArrayList<>(ns);
                for (int j = 0; j < ns; j++) {
                    statuses.add(new ConversationWrites.StatusChange(str(in), str(in), str(in), str(in), in.readInt(),
                            str(in), in.readLong()));
                }
                events.add(new NewEvent(event, deliveries, nt + nm + ns == 0 ? ConversationWrites.NONE
                        : new ConversationWrites(touches, messages, statuses)));
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("journal record has " + in.available() + " bytes after its end");
            }
            return events;
        } catch (IOException e) {
            throw new IllegalArgumentException("journal record is cut short: " + e, e);
        }
    }

    private static void event(DataOutputStream out, EventRow e) throws IOException {
        str(out, e.id());
        str(out, e.tenantId());
        str(out, e.connectionId());
        str(out, e.type());
        str(out, e.externalId());
        str(out, e.conversation());
        str(out, e.correlationId());
        str(out, e.causationId());
        out.writeLong(e.occurredAt());
        out.writeLong(e.receivedAt());
        str(out, e.body());
        out.writeInt(e.deliveries());
        str(out, e.routeError());
    }

    private static EventRow event(DataInputStream in) throws IOException {
        return new EventRow(str(in), str(in), str(in), str(in), str(in), str(in), str(in), str(in), in.readLong(),
                in.readLong(), str(in), in.readInt(), str(in));
    }

    private static void delivery(DataOutputStream out, DeliveryRow d) throws IOException {
        str(out, d.id());
        str(out, d.tenantId());
        str(out, d.eventId());
        str(out, d.routeId());
        str(out, d.targetConnection());
        str(out, d.action());
        str(out, d.input());
        str(out, d.orderingKey());
        str(out, d.status().name());
        out.writeInt(d.attempts());
        out.writeLong(d.nextAttemptAt());
        str(out, d.leaseOwner());
        str(out, d.lastError());
        str(out, d.externalRef());
        out.writeLong(d.createdAt());
        out.writeLong(d.updatedAt());
        out.writeBoolean(d.deliveredAt() != null);
        out.writeLong(d.deliveredAt() == null ? 0 : d.deliveredAt());
    }

    private static DeliveryRow delivery(DataInputStream in) throws IOException {
        String id = str(in);
        String tenant = str(in);
        String event = str(in);
        String route = str(in);
        String target = str(in);
        String action = str(in);
        String input = str(in);
        String key = str(in);
        DeliveryState status = DeliveryState.valueOf(str(in));
        int attempts = in.readInt();
        long next = in.readLong();
        String lease = str(in);
        String error = str(in);
        String ref = str(in);
        long created = in.readLong();
        long updated = in.readLong();
        boolean delivered = in.readBoolean();
        long deliveredAt = in.readLong();
        return new DeliveryRow(id, tenant, event, route, target, action, input, key, status, attempts, next, lease,
                error, ref, created, updated, delivered ? deliveredAt : null);
    }

    private static void message(DataOutputStream out, ConversationMessageRow m) throws IOException {
        str(out, m.id());
        str(out, m.conversationId());
        str(out, m.connectionId());
        str(out, m.direction());
        str(out, m.eventId());
        str(out, m.deliveryId());
        str(out, m.externalRef());
        str(out, m.status());
        out.writeInt(m.statusRank());
        str(out, m.error());
        str(out, m.senderName());
        str(out, m.content());
        out.writeLong(m.createdAt());
        out.writeLong(m.updatedAt());
    }

    private static ConversationMessageRow message(DataInputStream in) throws IOException {
        return new ConversationMessageRow(str(in), str(in), str(in), str(in), str(in), str(in), str(in), str(in),
                in.readInt(), str(in), str(in), str(in), in.readLong(), in.readLong());
    }

    /** A string as its UTF-8 length (-1: null) and bytes: {@code writeUTF} stops at 64 KB, a body does not. */
    private static void str(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new IOException("a string of " + length + " bytes where " + in.available() + " are left");
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
