package io.ponte.api.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;

/**
 * Work the hub runs later on the connection that emitted an envelope: "acknowledge now, fetch durably later". A
 * provider that sends thin change notices (Mercado Livre's {@code resource}/{@code topic}, Shopee's pushes, Mercado
 * Pago's payment ids) wants its answer at once; the receiver stores the notice as an envelope carrying a follow-up,
 * answers, and the hub then invokes the connection's own {@code action} with {@code input}:
 * <ul>
 *   <li>durably: a delivery in the outbox, stored in the same commit as the notice, retried on the connection's
 *       schedule and dead-lettered like any other;</li>
 *   <li>deduplicated: a notice the hub already had (same source and {@code externalId}) adds no follow-up;</li>
 *   <li>in order per {@code resource}: one follow-up of a resource runs at a time, in the order they came;</li>
 *   <li>coalesced: a follow-up of a resource that finds another of the same resource and action still waiting
 *       (not started) is not run again (it is stored as cancelled, "coalesced"): the waiting one fetches the
 *       resource's latest state anyway. {@code after} holds the first one back so that a burst of notices leads to
 *       one fetch.</li>
 * </ul>
 * The action fetches the resource and emits the real envelopes (with the provider's ids as {@code externalId}, so
 * two fetches of one state store it once), its request's {@code cause} being the notice.
 *
 * @param action   an action the emitting connector offers (its descriptor lists it); never null
 * @param resource what the follow-up is about, the unit of ordering and coalescing ({@code /orders/2000003508}),
 *                 1 to 200 characters; never null
 * @param input    the action's input; never null
 * @param after    how long to hold it back, 0 to 60 seconds; never null
 * @since 2.1.0
 */
public record FollowUp(String action, String resource, JsonNode input, Duration after) {

    /** How long a follow-up waits by default: enough for a burst of notices about one change. */
    public static final Duration DEFAULT_AFTER = Duration.ofSeconds(2);
    /** The longest {@link #after}. */
    public static final Duration MAX_AFTER = Duration.ofSeconds(60);

    /** Checks the parts. */
    public FollowUp {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(after, "after");
        if (resource.isBlank() || resource.length() > 200) {
            throw new IllegalArgumentException("a follow-up's resource is 1 to 200 characters");
        }
        if (after.isNegative() || after.compareTo(MAX_AFTER) > 0) {
            throw new IllegalArgumentException("a follow-up waits 0 to 60 seconds");
        }
    }

    /** A follow-up held back {@link #DEFAULT_AFTER}. */
    public static FollowUp of(String action, String resource, JsonNode input) {
        return new FollowUp(action, resource, input, DEFAULT_AFTER);
    }
}
