package io.ponte.kit;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import java.util.Objects;

/**
 * What a provider's error answer means: the action's outcome, and what it says of the connection's health (our
 * credentials refused, say), if anything. A plugin's error classification returns one; {@link Provider} acts on it.
 *
 * @param result the outcome; a {@link ActionResult.Retry} without {@code after} gets the answer's
 *               {@code Retry-After}, when it has one; never null
 * @param health what to report of the connection, or null when the answer says nothing about it
 */
public record Verdict(ActionResult result, Health health) {

    /** Requires a result. */
    public Verdict {
        Objects.requireNonNull(result, "result");
    }

    /** An outcome that says nothing of the connection's health. */
    public static Verdict of(ActionResult result) {
        return new Verdict(result, null);
    }

    /** The provider refused our credentials: failed, and the connection reported down, both with {@code reason}. */
    public static Verdict credentialsRefused(String reason) {
        return new Verdict(ActionResult.failed(reason), Health.down(reason));
    }
}
