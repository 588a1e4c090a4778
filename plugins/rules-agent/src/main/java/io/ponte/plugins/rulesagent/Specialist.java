package io.ponte.plugins.rulesagent;

import java.util.Objects;

/**
 * One entry of {@code specialists}: messages whose text matches {@code pattern} (and the later messages of that
 * conversation, until another specialist's pattern matches) go to the agent connection {@code connection}.
 *
 * @param name       the entry's place in the config, {@code specialists[<index>]}; never null
 * @param pattern    the pattern; never null
 * @param connection the specialist agent's connection id; never null
 * @param intent     the intent this entry stands for (defaults to the connection id); never null
 */
record Specialist(String name, RulePattern pattern, String connection, String intent) {
    /** Requires every part. */
    Specialist {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(intent, "intent");
    }
}
