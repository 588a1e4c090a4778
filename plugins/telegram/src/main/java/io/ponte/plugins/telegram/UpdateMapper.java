package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.ContactHints;
import io.ponte.api.message.PhoneNumbers;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Party;
import io.ponte.api.message.StorableValues;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Turns one Telegram {@code Update} into an envelope. Stateless.
 *
 * <ul>
 *   <li>{@code message}, {@code edited_message}, {@code channel_post}, {@code edited_channel_post}:
 *       {@code message.inbound} with the message's content;</li>
 *   <li>{@code callback_query} (an inline keyboard button was pressed): {@code message.inbound} with
 *       {@link Content.InteractiveReply}; the caller answers the query in the webhook response;</li>
 *   <li>any other kind ({@code my_chat_member}, {@code poll}, {@code inline_query} ...): {@value #TELEGRAM_UPDATE}
 *       with the whole update as {@link GenericPayload}, so nothing is lost and no route mistakes it for a chat
 *       message.</li>
 * </ul>
 * The external id is always the {@code update_id}: Telegram redelivers an update with the same id until it is
 * acknowledged, and an edit arrives as a new update.
 */
final class UpdateMapper {

    /** The envelope type of update kinds that are not chat messages. */
    static final String TELEGRAM_UPDATE = "telegram.update";
    /** The update kinds read as chat messages. */
    static final List<String> MESSAGE_KINDS = List.of("message", "edited_message", "channel_post",
            "edited_channel_post");
    /** The update kind of a pressed inline button. */
    static final String CALLBACK_QUERY = "callback_query";

    /**
     * One mapped update.
     *
     * @param draft           the envelope
     * @param callbackQueryId the callback query to answer in the webhook response, or null
     */
    record Mapped(EnvelopeDraft draft, String callbackQueryId) {
    }

    private UpdateMapper() {
    }

    /**
     * Maps an update.
     *
     * @param update an object with an integral {@code update_id}
     * @throws WebhookRejectedException 400 when a part Telegram always sends is missing
     */
    static Mapped map(JsonNode update) {
        String updateId = update.get("update_id").asText();
        String kind = kind(update);
        if (kind == null) {
            throw WebhookRejectedException.badRequest("the update has no content besides update_id");
        }
        JsonNode body = update.get(kind);
        if (MESSAGE_KINDS.contains(kind)) {
            return new Mapped(message(updateId, kind, object(body, kind)), null);
        }
        if (CALLBACK_QUERY.equals(kind)) {
            return callback(updateId, object(body, kind));
        }
        return new Mapped(EnvelopeDraft.builder(TELEGRAM_UPDATE, new GenericPayload(update.deepCopy()))
                .externalId(updateId)
                .attribute("updateKind", kind)
                .build(), null);
    }

    /**
     * The sender's own phone: a shared contact whose {@code user_id} is the sender's (what a "share my phone number"
     * button sends); a contact card of someone else is not the sender's.
     */
    private static String ownPhone(JsonNode message, JsonNode from) {
        JsonNode contact = message.path("contact");
        JsonNode userId = contact.path("user_id");
        if (!userId.canConvertToLong() || !from.path("id").canConvertToLong()
                || userId.asLong() != from.get("id").asLong()) {
            return null;
        }
        return PhoneNumbers.e164(MessageContents.text(contact, "phone_number"));
    }

    private static String kind(JsonNode update) {
        for (Iterator<String> it = update.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!"update_id".equals(name)) {
                return name;
            }
        }
        return null;
    }

    private static EnvelopeDraft message(String updateId, String kind, JsonNode message) {
        JsonNode chat = object(message.get("chat"), kind + ".chat");
        String chatId = integral(chat.get("id"), kind + ".chat.id");
        String messageId = integral(message.get("message_id"), kind + ".message_id");
        JsonNode from = message.path("from");
        String name = firstNonNull(displayName(from), displayName(message.path("sender_chat")), displayName(chat));
        Party party = new Party(chatId, name);
        Content content = MessageContents.read(message);
        JsonNode quoted = message.path("reply_to_message").path("message_id");
        ChatMessage payload = new ChatMessage(party, null, content, quoted.canConvertToLong() ? quoted.asText() : null);

        boolean edited = kind.startsWith("edited_");
        String dateField = edited && message.path("edit_date").canConvertToLong() ? "edit_date" : "date";
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_INBOUND, payload)
                .externalId(updateId)
                .conversationAddress(chatId)
                .occurredAt(unixTime(message.path(dateField), kind + "." + dateField))
                .attribute("updateKind", kind)
                .attribute("chatType", MessageContents.text(chat, "type"))
                .attribute("messageId", messageId)
                .attribute("username", firstNonNull(MessageContents.text(from, "username"),
                        MessageContents.text(chat, "username")))
                .attribute("fromId", from.path("id").canConvertToLong() ? from.get("id").asText() : null)
                .attribute("chatTitle", MessageContents.text(chat, "title"))
                .attribute("mediaGroupId", MessageContents.text(message, "media_group_id"))
                .attribute("messageThreadId", message.path("message_thread_id").canConvertToLong()
                        ? message.get("message_thread_id").asText() : null);
        if (edited) {
            draft.attribute("edited", "true");
        }
        if ("private".equals(MessageContents.text(chat, "type"))) {
            // in a group the conversation is the group's, not the member's who shared their number
            draft.attribute(ContactHints.PHONE, ownPhone(message, from));
        }
        JsonNode entities = message.path("entities").isArray() ? message.get("entities")
                : message.path("caption_entities");
        if (entities.isArray() && !entities.isEmpty()) {
            draft.attribute("entities", entities.toString());
            command(message, entities.get(0)).ifPresent(c -> draft.attribute("command", c));
        }
        return draft.build();
    }

    /** {@code /start} (or {@code /start@some_bot}) when the text opens with a bot command. */
    private static Optional<String> command(JsonNode message, JsonNode entity) {
        String text = MessageContents.text(message, "text");
        if (text == null || !"bot_command".equals(MessageContents.text(entity, "type"))
                || entity.path("offset").asInt(-1) != 0) {
            return Optional.empty();
        }
        int length = entity.path("length").asInt(0);
        // offset and length count UTF-16 code units, as Java strings do.
        return length > 0 && length <= text.length() ? Optional.of(text.substring(0, length))
                : Optional.empty();
    }

    private static Mapped callback(String updateId, JsonNode query) {
        String queryId = MessageContents.text(query, "id");
        if (queryId == null) {
            throw WebhookRejectedException.badRequest("callback_query.id is missing");
        }
        JsonNode from = object(query.get("from"), "callback_query.from");
        String fromId = integral(from.get("id"), "callback_query.from.id");
        JsonNode message = query.path("message");
        JsonNode chat = message.path("chat");
        String address = chat.path("id").canConvertToLong() ? chat.get("id").asText() : fromId;
        String data = MessageContents.text(query, "data");
        Content content = data != null ? new Content.InteractiveReply(data, buttonText(message, data))
                : new Content.Unsupported(CALLBACK_QUERY, query.deepCopy());
        JsonNode keyboardMessageId = message.path("message_id");
        String messageId = keyboardMessageId.canConvertToLong() ? keyboardMessageId.asText() : null;
        ChatMessage payload = new ChatMessage(new Party(address, displayName(from)), null, content, messageId);
        EnvelopeDraft draft = EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_INBOUND, payload)
                .externalId(updateId)
                .conversationAddress(address)
                .attribute("updateKind", CALLBACK_QUERY)
                .attribute("callbackQueryId", queryId)
                .attribute("chatType", MessageContents.text(chat, "type"))
                .attribute("messageId", messageId)
                .attribute("username", MessageContents.text(from, "username"))
                .attribute("fromId", fromId)
                .attribute("inlineMessageId", MessageContents.text(query, "inline_message_id"))
                .attribute("chatInstance", MessageContents.text(query, "chat_instance"))
                .build();
        return new Mapped(draft, queryId);
    }

    /** The pressed button's label, if the query carries the keyboard it came from. */
    private static String buttonText(JsonNode message, String data) {
        for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (data.equals(MessageContents.text(button, "callback_data"))) {
                    return MessageContents.text(button, "text");
                }
            }
        }
        return null;
    }

    /** A User's first and last name, or a Chat's title, or either's username; null for a missing node. */
    static String displayName(JsonNode userOrChat) {
        if (!userOrChat.isObject()) {
            return null;
        }
        return firstNonNull(MessageContents.join(MessageContents.text(userOrChat, "first_name"),
                        MessageContents.text(userOrChat, "last_name")),
                MessageContents.text(userOrChat, "title"), MessageContents.text(userOrChat, "username"));
    }

    private static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw WebhookRejectedException.badRequest(what + " must be an object");
        }
        return node;
    }

    /** A Unix time in seconds, or null for none (absent or 0); refused beyond what the hub can store. */
    private static Instant unixTime(JsonNode node, String what) {
        if (!node.isNumber()) {
            return null;
        }
        if (!node.canConvertToLong() || node.longValue() > StorableValues.LATEST.getEpochSecond()) {
            throw WebhookRejectedException.badRequest(what + " must be a Unix time in seconds no later than "
                    + "9999-12-31T23:59:59Z (" + StorableValues.LATEST.getEpochSecond() + ")");
        }
        return node.longValue() > 0 ? Instant.ofEpochSecond(node.longValue()) : null;
    }

    private static String integral(JsonNode node, String what) {
        if (node == null || !node.isIntegralNumber()) {
            throw WebhookRejectedException.badRequest(what + " must be an integer");
        }
        return node.asText();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
