package io.ponte.hub.ingress;

import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.hub.connections.ConnectionRef;
import io.ponte.hub.storage.Ids;
import java.time.Instant;

/** Completes a plugin's draft: id, tenant, source, conversation key, receipt time, correlation. */
final class EnvelopeFactory {

    private EnvelopeFactory() {
    }

    static Envelope create(ConnectionRef source, EnvelopeDraft d, long now) {
        String id = Ids.next("evt");
        String conversation = d.conversation();
        if (conversation != null && conversation.indexOf(':') <= 0) {
            throw new InvalidEnvelopeException("conversation '" + conversation + "' is not <connection id>:<address>");
        }
        if (conversation == null && d.conversationAddress() != null) {
            conversation = Envelope.conversationKey(source.id(), d.conversationAddress());
        }
        if (d.externalId() != null && d.externalId().length() > 255) {
            throw new InvalidEnvelopeException("externalId is longer than 255 characters");
        }
        return new Envelope(id, source.tenant(), d.type(), source.id(), d.externalId(), conversation,
                d.occurredAt() != null ? d.occurredAt() : Instant.ofEpochMilli(now),
                d.correlationId() != null ? d.correlationId() : id, d.causationId(), d.payload(), d.attributes());
    }
}
