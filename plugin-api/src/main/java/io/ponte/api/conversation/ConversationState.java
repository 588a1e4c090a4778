package io.ponte.api.conversation;

/**
 * Who handles a conversation. Agents answer in {@link #OPEN} and {@link #BOT}, stay silent in {@link #HUMAN}
 * (a person took over) and {@link #CLOSED}.
 *
 * @since 1.1.0
 */
public enum ConversationState {
    /** New or ongoing, nobody in particular assigned. */ OPEN,
    /** Handled by an agent. */ BOT,
    /** Handed to a human: agents stay silent until it returns to {@code bot} or {@code open}. */ HUMAN,
    /** Finished. */ CLOSED;

    /** The written form (JSON, the database): the name in lower case. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
