package io.ponte.plugins.rulesagent;

import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeTypes;
import java.util.Optional;

/**
 * The inbound chat message an {@code agent.reply} answers, read from the action's cause.
 *
 * @param cause       the {@code message.inbound} envelope; never null
 * @param key         the conversation key {@code <channel connection>:<address>}; never null
 * @param address     the contact's address on the channel; never null
 * @param contactName the contact's display name, or null when neither the message nor the conversation has one
 * @param text        the text of a text message (NFC), or null for any other content
 */
record Inbound(Envelope cause, String key, String address, String contactName, String text) {

    /**
     * Reads a cause.
     *
     * @param cause the action's cause, possibly null
     * @return the message, or empty when the cause is not an inbound chat message in a conversation
     */
    static Optional<Inbound> of(Envelope cause) {
        if (cause == null || !EnvelopeTypes.MESSAGE_INBOUND.equals(cause.type())
                || !(cause.payload() instanceof ChatMessage chat) || cause.conversation() == null
                || cause.conversationAddress() == null) {
            return Optional.empty();
        }
        String address = chat.from() != null ? chat.from().address() : cause.conversationAddress();
        String name = chat.from() != null ? blankToNull(chat.from().name()) : null;
        String text = chat.content() instanceof Content.Text t ? RulePattern.nfc(t.text()) : null;
        return Optional.of(new Inbound(cause, cause.conversation(), address, name, text));
    }

    /** This message, with the conversation's contact name when the message itself carries none. */
    Inbound withFallbackName(String conversationContactName) {
        return contactName != null || blankToNull(conversationContactName) == null ? this
                : new Inbound(cause, key, address, conversationContactName, text);
    }

    /** The inbound envelope's id. */
    String id() {
        return cause.id();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
