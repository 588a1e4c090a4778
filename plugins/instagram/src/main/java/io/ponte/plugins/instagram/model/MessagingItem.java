package io.ponte.plugins.instagram.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.error.WebhookRejectedException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code entry[].messaging[]} item of an Instagram webhook:
 * {@code {"sender":{"id"},"recipient":{"id"},"timestamp":<ms>, <event>}} where the event is exactly one of
 * {@code message}, {@code postback}, {@code reaction}, {@code read}, {@code referral}, {@code message_edit}, or a
 * kind Meta adds later.
 *
 * @param accountId   {@code entry[].id}: the Instagram professional account the webhook is about
 * @param senderId    {@code sender.id}: the contact's IGSID, or our account id for echoes
 * @param recipientId {@code recipient.id}: our account id, or the contact's IGSID for echoes
 * @param timestamp   {@code timestamp} in epoch milliseconds, or {@code entry[].time} when absent, or null
 * @param raw         the whole item
 */
public record MessagingItem(String accountId, String senderId, String recipientId, Long timestamp, ObjectNode raw) {

    private static final Set<String> ENVELOPE_FIELDS = Set.of("sender", "recipient", "timestamp");

    /** Requires the ids and the raw item. */
    public MessagingItem {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * Reads one item.
     *
     * @param accountId the entry's id
     * @param entryTime the entry's {@code time}, or null
     * @param item      the item
     * @param where     its position for error messages, e.g. {@code entry[0].messaging[2]}
     * @throws WebhookRejectedException 400 when it is not an object or lacks the sender or recipient id
     */
    public static MessagingItem read(String accountId, Long entryTime, JsonNode item, String where) {
        if (item == null || !item.isObject()) {
            throw WebhookRejectedException.badRequest(where + " must be an object");
        }
        String sender = id(item.get("sender"));
        if (sender == null) {
            throw WebhookRejectedException.badRequest(where + ".sender.id is missing");
        }
        String recipient = id(item.get("recipient"));
        if (recipient == null) {
            throw WebhookRejectedException.badRequest(where + ".recipient.id is missing");
        }
        JsonNode ts = item.get("timestamp");
        Long timestamp = ts != null && ts.isNumber() && ts.canConvertToLong()
                ? Long.valueOf(ts.longValue()) : entryTime;
        return new MessagingItem(accountId, sender, recipient, timestamp, (ObjectNode) item);
    }

    /** The event's key: the first field that is not {@code sender}, {@code recipient} or {@code timestamp}. */
    public String eventKind() {
        for (Iterator<String> it = raw.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!ENVELOPE_FIELDS.contains(name)) {
                return name;
            }
        }
        return "messaging";
    }

    /** The event object of that key, or a missing node. */
    public JsonNode event(String kind) {
        return raw.path(kind);
    }

    /** The timestamp as an instant, or null when the webhook gave none. */
    public Instant occurredAt() {
        return timestamp == null ? null : Instant.ofEpochMilli(timestamp);
    }

    /** The timestamp for synthetic ids ({@code 0} when absent). */
    public long timestampOrZero() {
        return timestamp == null ? 0L : timestamp;
    }

    /** A string id from {@code {"id":"..."}} (Meta sends strings; numbers are accepted too), or null. */
    public static String id(JsonNode holder) {
        if (holder == null || !holder.isObject()) {
            return null;
        }
        return text(holder.get("id"));
    }

    /** A non-empty string or number as text, or null. */
    public static String text(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber())) {
            return null;
        }
        String value = node.asText();
        return value.isEmpty() ? null : value;
    }
}
