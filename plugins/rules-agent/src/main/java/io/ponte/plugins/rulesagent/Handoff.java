package io.ponte.plugins.rulesagent;

import java.util.Objects;

/**
 * The {@code handoff} config: when {@code pattern} is found in a message's text, the conversation goes to a
 * person.
 *
 * @param pattern the pattern; never null
 * @param reply   the last reply before the agent falls silent, or null for none
 */
record Handoff(RulePattern pattern, ReplyTemplate reply) {
    /** Requires the pattern. */
    Handoff {
        Objects.requireNonNull(pattern, "pattern");
    }
}
