package io.ponte.api.conversation;

/**
 * Who handles a conversation. Agents answer in {@link #open} and {@link #bot}, stay silent in {@link #human}
 * (a person took over) and {@link #closed}.
 *
 * @since 1.1.0
 */
public enum ConversationState {
    /** New or ongoing, nobody in particular assigned. */ open,
    /** Handled by an agent. */ bot,
    /** Handed to a human: agents stay silent until it returns to {@code bot} or {@code open}. */ human,
    /** Finished. */ closed
}
