package io.ponte.plugins.instagram;

import static io.ponte.plugins.instagram.ContentMapper.putIfPresent;
import static io.ponte.plugins.instagram.model.MessagingItem.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.api.message.StatusUpdate;
import io.ponte.plugins.instagram.model.MessagingItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one {@code messaging[]} item into envelopes. Stateless.
 *
 * <ul>
 *   <li>{@code message}: {@code message.inbound} per part (text or quick reply, then each attachment; the first
 *       part's {@code externalId} is the {@code mid}, further ones {@code mid#2}, {@code mid#3} ...), from the
 *       sender (IGSID). With {@code is_echo}: {@code message.echo} to the recipient instead, never inbound. With
 *       {@code is_deleted}: {@code message.status} {@code deleted} ({@code <mid>:deleted}).</li>
 *   <li>{@code postback}: {@code message.inbound} {@code InteractiveReply(payload, title)}, {@code externalId} the
 *       postback's {@code mid} or {@code postback:<sender>:<timestamp>}.</li>
 *   <li>{@code reaction}: {@code message.inbound} {@code Reaction(mid, emoji)}; {@code unreact} has a null emoji.</li>
 *   <li>{@code read}: {@code message.status} {@code read} of {@code read.mid} ({@code <mid>:read}).</li>
 *   <li>anything else ({@code referral}, {@code message_edit}, kinds Meta adds): {@code message.inbound}
 *       {@code Unsupported(kind, json)}.</li>
 * </ul>
 */
final class MessagingMapper {

    private static final String LOVE = "\u2764\uFE0F";

    private MessagingMapper() {
    }

    static List<EnvelopeDraft> map(MessagingItem item, String where) {
        String kind = item.eventKind();
        return switch (kind) {
            case "message" -> message(item, where);
            case "postback" -> List.of(postback(item));
            case "reaction" -> List.of(reaction(item));
            case "read" -> List.of(read(item));
            default -> List.of(unsupported(item, kind));
        };
    }

    private static List<EnvelopeDraft> message(MessagingItem item, String where) {
        JsonNode message = item.event("message");
        if (!message.isObject()) {
            throw WebhookRejectedException.badRequest(where + ".message must be an object");
        }
        String mid = text(message.get("mid"));
        if (mid == null) {
            throw WebhookRejectedException.badRequest(where + ".message.mid is missing");
        }
        boolean echo = message.path("is_echo").asBoolean(false);
        String contact = echo ? item.recipientId() : item.senderId();
        if (message.path("is_deleted").asBoolean(false)) {
            return List.of(status(item, mid, StatusUpdate.Status.DELETED, item.recipientId(), contact)
                    .attribute("deletedBy", echo ? "business" : "contact")
                    .build());
        }
        Map<String, String> common = messageAttributes(message);
        String replyTo = text(message.path("reply_to").get("mid"));
        List<EnvelopeDraft> drafts = new ArrayList<>();
        List<ContentMapper.Part> parts = ContentMapper.parts(message);
        for (int i = 0; i < parts.size(); i++) {
            ContentMapper.Part part = parts.get(i);
            ChatMessage payload = echo
                    ? new ChatMessage(null, Party.of(contact), part.content(), replyTo)
                    : new ChatMessage(Party.of(contact), null, part.content(), replyTo);
            EnvelopeDraft.Builder draft = draft(echo ? EnvelopeTypes.MESSAGE_ECHO : EnvelopeTypes.MESSAGE_INBOUND,
                    payload, item, i == 0 ? mid : mid + "#" + (i + 1), contact);
            common.forEach(draft::attribute);
            part.attributes().forEach(draft::attribute);
            drafts.add(draft.build());
        }
        return drafts;
    }

    private static Map<String, String> messageAttributes(JsonNode message) {
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode story = message.path("reply_to").path("story");
        if (story.isObject()) {
            String url = text(story.get("url"));
            String id = text(story.get("id"));
            putIfPresent(attributes, "storyReply", url != null ? url : id);
            putIfPresent(attributes, "storyId", id);
        }
        if (message.path("is_self").asBoolean(false)) {
            attributes.put("isSelf", "true");
        }
        referral(message.path("referral"), attributes);
        return attributes;
    }

    private static void referral(JsonNode referral, Map<String, String> attributes) {
        if (!referral.isObject()) {
            return;
        }
        putIfPresent(attributes, "referralRef", text(referral.get("ref")));
        putIfPresent(attributes, "referralSource", text(referral.get("source")));
        putIfPresent(attributes, "referralType", text(referral.get("type")));
        putIfPresent(attributes, "referralAdId", text(referral.get("ad_id")));
        putIfPresent(attributes, "referralProductId", text(referral.path("product").get("id")));
    }

    private static EnvelopeDraft postback(MessagingItem item) {
        JsonNode postback = item.event("postback");
        String mid = text(postback.get("mid"));
        String externalId = mid != null ? mid : "postback:" + item.senderId() + ":" + item.timestampOrZero();
        String payload = text(postback.get("payload"));
        Content content = payload == null
                ? new Content.Unsupported("postback", postback.deepCopy())
                : new Content.InteractiveReply(payload, text(postback.get("title")));
        EnvelopeDraft.Builder draft = draft(EnvelopeTypes.MESSAGE_INBOUND,
                ChatMessage.inbound(Party.of(item.senderId()), content), item, externalId, item.senderId());
        Map<String, String> attributes = new LinkedHashMap<>();
        referral(postback.path("referral"), attributes);
        attributes.forEach(draft::attribute);
        return draft.build();
    }

    private static EnvelopeDraft reaction(MessagingItem item) {
        JsonNode reaction = item.event("reaction");
        String mid = text(reaction.get("mid"));
        if (mid == null) {
            return unsupported(item, "reaction");
        }
        String action = text(reaction.get("action"));
        String name = text(reaction.get("reaction"));
        String emoji = null;
        if (!"unreact".equals(action)) {
            emoji = text(reaction.get("emoji"));
            if (emoji == null) {
                emoji = "love".equals(name) ? LOVE : name;
            }
        }
        return draft(EnvelopeTypes.MESSAGE_INBOUND,
                ChatMessage.inbound(Party.of(item.senderId()), new Content.Reaction(mid, emoji)), item,
                "reaction:" + item.senderId() + ":" + mid + ":" + (action == null ? "react" : action) + ":"
                        + item.timestampOrZero(), item.senderId())
                .attribute("reaction", name)
                .attribute("reactionAction", action)
                .build();
    }

    private static EnvelopeDraft read(MessagingItem item) {
        String mid = text(item.event("read").get("mid"));
        if (mid == null) {
            return unsupported(item, "read");
        }
        return status(item, mid, StatusUpdate.Status.READ, item.senderId(), item.senderId()).build();
    }

    private static EnvelopeDraft unsupported(MessagingItem item, String kind) {
        JsonNode event = item.event(kind);
        JsonNode raw = event.isMissingNode() ? item.raw() : event;
        String mid = text(event.get("mid"));
        String externalId;
        if ("message_edit".equals(kind) && mid != null) {
            externalId = mid + ":edit:" + event.path("num_edit").asText("0");
        } else {
            externalId = kind + ":" + item.senderId() + ":" + (mid != null ? mid + ":" : "") + item.timestampOrZero();
        }
        EnvelopeDraft.Builder draft = draft(EnvelopeTypes.MESSAGE_INBOUND,
                ChatMessage.inbound(Party.of(item.senderId()), new Content.Unsupported(kind, raw.deepCopy())),
                item, externalId, item.senderId())
                .attribute("eventKind", kind);
        if ("message_edit".equals(kind)) {
            draft.attribute("editedMessageId", mid);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if ("referral".equals(kind)) {
            referral(event, attributes);
        }
        attributes.forEach(draft::attribute);
        return draft.build();
    }

    private static EnvelopeDraft.Builder status(MessagingItem item, String mid, StatusUpdate.Status status,
                                                String recipient, String contact) {
        return draft(EnvelopeTypes.MESSAGE_STATUS, new StatusUpdate(mid, status, recipient, null, null), item,
                mid + ":" + status.wire(), contact);
    }

    private static EnvelopeDraft.Builder draft(String type, io.ponte.api.message.Payload payload, MessagingItem item,
                                               String externalId, String contact) {
        return EnvelopeDraft.builder(type, payload)
                .externalId(externalId)
                .conversationAddress(contact)
                .occurredAt(item.occurredAt())
                .attribute("igAccountId", item.accountId());
    }
}
