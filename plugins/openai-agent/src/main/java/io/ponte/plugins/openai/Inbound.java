package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.MessageJson;

/**
 * The inbound chat message an {@code agent.reply} answers.
 *
 * @param cause        the {@code message.inbound} envelope; never null
 * @param message      its payload; never null
 * @param conversation the conversation key; never null
 * @param address      the contact's address; never null
 * @param contactName  the contact's display name, or null
 * @param text         what the contact said, as text for the model; never null
 */
record Inbound(Envelope cause, ChatMessage message, String conversation, String address, String contactName,
               String text) {

    /** The inbound message of a cause, or null when the cause is not an inbound chat message in a conversation. */
    static Inbound of(Envelope cause, String knownContactName) {
        if (cause == null || !"message.inbound".equals(cause.type())
                || !(cause.payload() instanceof ChatMessage message) || cause.conversation() == null
                || cause.conversationAddress() == null) {
            return null;
        }
        String name = message.from() != null && message.from().name() != null ? message.from().name()
                : knownContactName;
        return new Inbound(cause, message, cause.conversation(), cause.conversationAddress(), name,
                describe(message.content()));
    }

    /** A content as the model reads it: text as is, anything else as a short bracketed description. */
    static String describe(Content content) {
        return switch (content) {
            case Content.Text t -> t.text();
            case Content.Media m -> "[" + m.mediaType() + (m.caption() == null ? "]" : "] " + m.caption());
            case Content.Location l -> "[location " + l.latitude() + "," + l.longitude()
                    + (l.name() == null ? "" : " " + l.name()) + (l.address() == null ? "" : ", " + l.address())
                    + "]";
            case Content.Contacts c -> "[shared contacts: " + String.join(", ", c.contacts().stream()
                    .map(Content.SharedContact::name).map(String::valueOf).toList()) + "]";
            case Content.InteractiveReply r -> r.title() != null ? r.title() : r.id();
            case Content.Reaction r -> "[reaction " + (r.emoji() == null ? "" : r.emoji()) + "]";
            case Content.Template t -> "[template " + t.name() + "]";
            case Content.Unsupported u -> "[" + (u.type() == null ? "unsupported message" : u.type()) + "]";
        };
    }

    /** A history entry's content JSON as the model reads it, or null when it is not a message content. */
    static String describe(JsonNode content) {
        try {
            Content c = MessageJson.mapper().treeToValue(content, Content.class);
            return c == null ? null : describe(c);
        } catch (Exception e) {
            return null;
        }
    }
}
