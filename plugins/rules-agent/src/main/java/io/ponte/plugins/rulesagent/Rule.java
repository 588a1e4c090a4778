package io.ponte.plugins.rulesagent;

import java.util.Objects;

/**
 * One entry of {@code rules}: when {@code pattern} is found in a message's text, {@code reply} answers it.
 *
 * @param name    the rule's place in the config, {@code rules[<index>]}; never null
 * @param pattern the pattern; never null
 * @param reply   the reply template; never null
 */
record Rule(String name, RulePattern pattern, ReplyTemplate reply) {
    /** Requires every part. */
    Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(reply, "reply");
    }
}
