package io.ponte.api.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.Envelope;
import java.util.Optional;

/**
 * Other connections' actions, for connectors that call them as tools (an agent looking up an order, upserting a
 * CRM contact, handing over to a specialist agent). Limited to connections of the caller's own tenant; each call
 * runs now under the target connection's guard, timeout, concurrency limit and send rate, not through the outbox.
 * Thread-safe.
 *
 * @since 1.1.0
 */
public interface Actions {

    /**
     * The description of an action (its JSON schema for a tool definition). Sees every connection of the caller's
     * tenant, open or not (since 1.2.0), so {@code ConnectorFactory.validate} can check the connections a config
     * names.
     *
     * @return the spec, or empty when the connection does not exist, is not this tenant's, is the caller itself or
     *         does not offer it
     */
    Optional<ActionSpec> describe(String connectionId, String action);

    /**
     * Runs an action of another connection.
     *
     * @param connectionId the target connection
     * @param action       its action
     * @param input        the input
     * @param cause        the envelope being handled (an agent passes the inbound message), or null
     * @return the outcome; {@link ActionResult.Failed} for an unknown connection or action, a closed connection, or
     *         a call to the caller itself; never null
     */
    ActionResult invoke(String connectionId, String action, JsonNode input, Envelope cause);
}
