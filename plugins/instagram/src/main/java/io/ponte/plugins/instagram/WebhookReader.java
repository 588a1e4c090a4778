package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.instagram.model.MessagingItem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of an Instagram webhook ({@code {"object":"instagram","entry":[...]}}, up to 1000 updates per POST)
 * into envelopes: every {@code entry[].messaging[]} item through {@link MessagingMapper}, and every element of any
 * other entry field ({@code changes}, {@code standby} ...) as one {@value #EVENT_TYPE} envelope with the raw JSON,
 * so nothing Meta sends for this account is dropped. An entry of another account (its {@code id} is not the
 * connection's) is skipped unread: one app's webhooks for all its accounts are signed with the same secret.
 * Stateless.
 */
final class WebhookReader {

    /** The envelope type of entry fields other than {@code messaging} (comments, standby, ...). */
    static final String EVENT_TYPE = "instagram.event";

    /**
     * What a body held for this connection.
     *
     * @param drafts         the envelopes of this account's entries
     * @param otherAccounts  the {@code id} of every entry that was skipped as another account's, in order
     */
    record Read(List<EnvelopeDraft> drafts, List<String> otherAccounts) {
    }

    private WebhookReader() {
    }

    /**
     * Parses and maps a webhook body.
     *
     * @param body      the raw body
     * @param accountId the connection's account: the {@code entry[].id} whose entries are kept
     * @return the envelopes of this account; messaging envelopes of one entry are ordered by their timestamp (Meta
     *         does not guarantee the order of retried updates), entries in the order sent
     * @throws WebhookRejectedException 400 when the body is not an Instagram webhook
     */
    static Read read(byte[] body, String accountId) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : PluginJson.mapper().readTree(body);
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRejectedException.badRequest("the body must be a JSON object {\"object\":\"instagram\","
                    + "\"entry\":[...]}");
        }
        JsonNode object = root.get("object");
        if (object == null || !"instagram".equals(object.asText())) {
            throw WebhookRejectedException.badRequest("\"object\" must be \"instagram\"; got "
                    + (object == null ? "nothing" : object.toString())
                    + " (is the webhook subscribed to the Instagram product?)");
        }
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw WebhookRejectedException.badRequest("\"entry\" must be an array");
        }
        List<EnvelopeDraft> drafts = new ArrayList<>();
        List<String> otherAccounts = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            String where = "entry[" + e + "]";
            JsonNode entry = entries.get(e);
            if (!entry.isObject()) {
                throw WebhookRejectedException.badRequest(where + " must be an object");
            }
            String entryAccount = MessagingItem.text(entry.get("id"));
            if (entryAccount == null) {
                throw WebhookRejectedException.badRequest(where + ".id is missing");
            }
            if (entryAccount.equals(accountId)) {
                drafts.addAll(entry(entry, entryAccount, where));
            } else {
                otherAccounts.add(entryAccount);
            }
        }
        return new Read(drafts, otherAccounts);
    }

    private static List<EnvelopeDraft> entry(JsonNode entry, String accountId, String where) {
        JsonNode time = entry.get("time");
        Long entryTime = time != null && time.isNumber() ? time.longValue() : null;
        List<EnvelopeDraft> messaging = new ArrayList<>();
        List<EnvelopeDraft> others = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            String name = field.getKey();
            if (name.equals("id") || name.equals("time")) {
                continue;
            }
            JsonNode value = field.getValue();
            if (name.equals("messaging")) {
                if (!value.isArray()) {
                    throw WebhookRejectedException.badRequest(where + ".messaging must be an array");
                }
                for (int i = 0; i < value.size(); i++) {
                    String at = where + ".messaging[" + i + "]";
                    messaging.addAll(MessagingMapper.map(MessagingItem.read(accountId, entryTime, value.get(i), at),
                            at));
                }
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    others.add(event(accountId, entryTime, name, i, value.get(i)));
                }
            } else {
                others.add(event(accountId, entryTime, name, 0, value));
            }
        }
        // Stable: the parts of one message keep their order, items without a timestamp stay where they were.
        messaging.sort(Comparator.comparing(EnvelopeDraft::occurredAt,
                Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
        messaging.addAll(others);
        return messaging;
    }

    private static EnvelopeDraft event(String accountId, Long entryTime, String field, int index, JsonNode value) {
        ObjectNode data = PluginJson.mapper().createObjectNode();
        data.put("field", field);
        data.set("value", value.deepCopy());
        return EnvelopeDraft.builder(EVENT_TYPE, new GenericPayload(data))
                .externalId(field + ":" + accountId + ":" + (entryTime == null ? 0 : entryTime) + ":" + index)
                .occurredAt(entryTime == null ? null : Instant.ofEpochMilli(entryTime))
                .attribute("igAccountId", accountId)
                .attribute("field", field)
                .attribute("changeField", "changes".equals(field) ? MessagingItem.text(value.get("field")) : null)
                .build();
    }
}
