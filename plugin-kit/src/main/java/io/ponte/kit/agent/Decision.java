package io.ponte.kit.agent;

import java.util.Objects;

/**
 * What an {@link Agent} does with one inbound message; {@link AgentProtocol} carries it out.
 */
public sealed interface Decision {

    /**
     * Answer: one {@code message.outbound} with this text, keyed {@code reply:<inbound id>} (stored at most once,
     * whatever is retried), then the turn's notes. Counted as {@code agent.replies{via}}; the output's
     * {@code reply} is the text.
     *
     * @param text what to say; never blank
     * @param via  what produced it, the metric's tag ({@code rule}, {@code greeting}, {@code model},
     *             {@code fallback} ...); never null
     */
    record Reply(String text, String via) implements Decision {
        /** Requires both. */
        public Reply {
            Objects.requireNonNull(via, "via");
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a reply needs text; skip instead");
            }
        }
    }

    /**
     * Hand the conversation to a person: the note {@code {"handoff":"human","reason":...}}, the last reply if any,
     * the turn's notes, and only once they are stored the state {@code HUMAN} (so a failed emit leaves the
     * conversation with the agent, whose retry sends the same, deduplicated envelopes). Counted as
     * {@code agent.handoffs}, and the reply as {@code agent.replies{via=handoff}}; the output holds
     * {@code "handoff":"human"} and the {@code reply}.
     *
     * @param reason why, for the note; never null
     * @param reply  what to say before falling silent, or null (or blank) to say nothing
     */
    record Handoff(String reason, String reply) implements Decision {
        /** Requires a reason; a blank reply is none. */
        public Handoff {
            Objects.requireNonNull(reason, "reason");
            reply = reply == null || reply.isBlank() ? null : reply;
        }
    }

    /**
     * Say nothing: the turn's notes only. Counted as {@code agent.skipped{reason}}; the output's {@code skipped}
     * says why.
     *
     * @param why    in words, for the output; never null
     * @param reason the metric's tag ({@code no_match}, {@code empty} ...); never null
     */
    record Skip(String why, String reason) implements Decision {
        /** Requires both. */
        public Skip {
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Hand the message to another agent (a specialist): the turn's notes, then that connection's
     * {@code agent.reply} with the same cause and no input, whose outcome is this agent's. The specialist's reply
     * carries its own exactly-once key.
     *
     * @param connection the other agent's connection id; never null
     */
    record Delegate(String connection) implements Decision {
        /** Requires the connection. */
        public Delegate {
            Objects.requireNonNull(connection, "connection");
        }
    }
}
