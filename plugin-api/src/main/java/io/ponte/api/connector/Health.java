package io.ponte.api.connector;

import java.util.Objects;

/**
 * The result of a health check.
 *
 * @param status the verdict; never null
 * @param detail what was checked or what failed, for admins; never a secret
 */
public record Health(Status status, String detail) {

    /** Verdicts. */
    public enum Status {
        /** Working. */ UP,
        /** Working with problems (slow, close to a limit). */ DEGRADED,
        /** Not working. */ DOWN;

        /** The written form (JSON, the database): the name in lower case. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Requires a status. */
    public Health {
        Objects.requireNonNull(status, "status");
    }

    /** Up. */
    public static Health up(String detail) {
        return new Health(Status.UP, detail);
    }

    /** Down. */
    public static Health down(String detail) {
        return new Health(Status.DOWN, detail);
    }
}
