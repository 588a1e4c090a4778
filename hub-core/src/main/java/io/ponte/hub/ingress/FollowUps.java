package io.ponte.hub.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.FollowUp;
import io.ponte.hub.connections.ConnectionRef;
import io.ponte.hub.connections.LiveConnection;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryState;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.Outbox;
import java.util.Optional;

/**
 * The delivery a draft's {@link FollowUp} becomes: the source connection's own action, stored in the same commit as
 * the notice, held back {@code after}, queued per resource (its ordering key), and coalesced by the {@link Outbox}
 * with one of the same resource and action that has not started.
 */
final class FollowUps {

    private FollowUps() {
    }

    /**
     * Checks a follow-up against the connection that emitted it: the action must be one it offers.
     *
     * @throws ConnectorFailedException naming the action: a bug in the connector, not in the provider's request
     */
    static void check(LiveConnection source, FollowUp followUp) {
        if (followUp != null && source.connector().descriptor().action(followUp.action()).isEmpty()) {
            throw new ConnectorFailedException("the connector asked for a follow-up with action '"
                    + followUp.action() + "', which its descriptor does not offer", null);
        }
        if (followUp != null && !EnvelopeFactory.check(new java.util.ArrayList<>(), "followUp.resource",
                followUp.resource(), 200)) {
            throw new ConnectorFailedException("the connector asked for a follow-up whose resource is not storable "
                    + "text", null);
        }
    }

    /** The follow-up's delivery, or empty for a draft without one. */
    static Optional<DeliveryRow> delivery(ConnectionRef source, Envelope notice, FollowUp followUp, long now) {
        if (followUp == null) {
            return Optional.empty();
        }
        String input;
        try {
            input = HubJson.mapper().writeValueAsString(followUp.input());
        } catch (JsonProcessingException e) {
            throw new ConnectorFailedException("the connector's follow-up input cannot be serialized", e);
        }
        return Optional.of(new DeliveryRow(Ids.next("dlv"), notice.tenant(), notice.id(), Outbox.FOLLOW_UP,
                source.id(), followUp.action(), input, Outbox.followUpKey(source.id(), followUp.resource()),
                DeliveryState.PENDING, 0, now + followUp.after().toMillis(), null, null, null, now, now, null));
    }
}
