package io.ponte.api.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.Envelope;
import java.util.Objects;

/**
 * One invocation of an action.
 *
 * @param action         the action's name; never null
 * @param input          the input JSON (a route's rendered template, or what an admin sent); never null
 * @param cause          the envelope that caused the invocation, or null when an admin invoked it directly
 * @param idempotencyKey stable across every retry of the same delivery (the delivery id): pass it to the provider
 *                       wherever it accepts one, so a retry after a lost answer does not act twice; never null
 * @param attempt        1 for the first attempt, 2 for the first retry, ...
 */
public record ActionRequest(String action, JsonNode input, Envelope cause, String idempotencyKey, int attempt) {
    /** Checks the required parts. */
    public ActionRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
