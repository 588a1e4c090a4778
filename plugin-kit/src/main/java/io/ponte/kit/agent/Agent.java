package io.ponte.kit.agent;

/**
 * An agent: what to do with one inbound message. Everything around that decision (reading the message from the
 * {@code agent.reply} cause, staying silent while a person handles the conversation, the hand-off, exactly one
 * reply, the shared metrics) is {@link AgentProtocol}'s.
 *
 * <p>Called for the messages of one conversation one at a time (the hub orders them), for different conversations
 * concurrently: an implementation keeps no per-message state outside the {@link Turn}.
 */
@FunctionalInterface
public interface Agent {

    /**
     * Decides what to do with a message of a conversation an agent may answer (not {@code HUMAN}, not
     * {@code CLOSED}).
     *
     * @param turn the message and its conversation; what to keep with the answer (notes, output) goes there
     * @return the decision; never null
     * @throws io.ponte.kit.ActionFailure for an outcome that is no decision: a retry when no model answered, a
     *                                    failure when a configured template cannot render
     */
    Decision decide(Turn turn);
}
