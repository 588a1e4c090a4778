package io.ponte.hub.ingress;

import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.MessageJson;
import io.ponte.api.message.StorableValues;
import io.ponte.hub.connections.ConnectionRef;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.StorableJson;
import java.time.Instant;
import java.util.List;

/** Completes a plugin's draft: id, tenant, source, conversation key, receipt time, correlation. */
final class EnvelopeFactory {

    private EnvelopeFactory() {
    }

    /**
     * Refuses drafts the hub cannot store, naming the field ({@code envelopes[i].<field>} in a batch): an
     * {@code occurredAt} outside {@link StorableValues}' range, or text anywhere in the draft (ids, addresses, names,
     * content, attributes) with a NUL character or an unpaired surrogate. Runs before anything, a database lookup
     * included, reads the drafts.
     *
     * @throws IllegalArgumentException for a 400
     */
    static void check(List<EnvelopeDraft> drafts) {
        for (int i = 0; i < drafts.size(); i++) {
            EnvelopeDraft d = drafts.get(i);
            String at = drafts.size() == 1 ? "" : "envelopes[" + i + "]";
            if (d.occurredAt() != null && !StorableValues.isStorable(d.occurredAt())) {
                throw new IllegalArgumentException(StorableJson.field(at, "occurredAt") + " must be "
                        + StorableValues.INSTANT_RANGE);
            }
            StorableJson.Unstorable text = StorableJson.find(MessageJson.mapper().valueToTree(d), at);
            if (text != null) {
                throw new IllegalArgumentException((text.field().isEmpty() ? "the envelope" : text.field()) + " "
                        + text.reason());
            }
        }
    }

    static Envelope create(ConnectionRef source, EnvelopeDraft d, long now) {
        String id = Ids.next("evt");
        String conversation = d.conversation();
        if (conversation != null && conversation.indexOf(':') <= 0) {
            throw new IllegalArgumentException("conversation '" + conversation + "' is not <connection id>:<address>");
        }
        if (conversation == null && d.conversationAddress() != null) {
            conversation = Envelope.conversationKey(source.id(), d.conversationAddress());
        }
        if (d.externalId() != null && d.externalId().length() > 255) {
            throw new IllegalArgumentException("externalId is longer than 255 characters");
        }
        return new Envelope(id, source.tenant(), d.type(), source.id(), d.externalId(), conversation,
                d.occurredAt() != null ? d.occurredAt() : Instant.ofEpochMilli(now),
                d.correlationId() != null ? d.correlationId() : id, d.causationId(), d.payload(), d.attributes());
    }
}
