package io.ponte.api.action;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of an action, and its one error channel. Sealed: {@link Delivered}, {@link Retry} or {@link Failed}.
 * An action that throws instead has a bug: the hub logs it and treats it as {@link Retry}.
 *
 * @since 2.0.0 (no exception carries an outcome any more)
 */
public sealed interface ActionResult {

    /**
     * Done. The delivery ends.
     *
     * @param externalRef the provider's id for what was created (a message id ...), or null
     * @param output      JSON the action returns (shown to admins, handed to agents calling it as a tool), or null
     */
    record Delivered(String externalRef, JsonNode output) implements ActionResult {
    }

    /**
     * Not now, maybe later: a timeout, a 5xx, a rate limit. The dispatcher schedules another attempt unless the
     * delivery's attempt budget is spent.
     *
     * @param after  the earliest time to try again as the provider asked (Retry-After), or null for the
     *               connection's backoff schedule
     * @param reason what went wrong, for the delivery's last error; never null
     */
    record Retry(Duration after, String reason) implements ActionResult {
        /** Requires a reason. */
        public Retry {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Will never work as asked (invalid recipient, rejected input, revoked credentials): dead-lettered at once.
     *
     * @param reason what went wrong, for the delivery's last error; never null
     */
    record Failed(String reason) implements ActionResult {
        /** Requires a reason. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Delivered with an external ref and no output. */
    static ActionResult delivered(String externalRef) {
        return new Delivered(externalRef, null);
    }

    /** Retry on the connection's schedule. */
    static ActionResult retry(String reason) {
        return new Retry(null, reason);
    }

    /** Retry no sooner than {@code after}. */
    static ActionResult retryAfter(Duration after, String reason) {
        return new Retry(after, reason);
    }

    /** Permanent failure. */
    static ActionResult failed(String reason) {
        return new Failed(reason);
    }
}
