package io.ponte.api.connector;

import io.ponte.api.message.EnvelopeDraft;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Publishes envelopes into the hub on behalf of a connection (agents' replies, events found outside webhooks).
 * The hub assigns ids, stores them durably (deduped on {@code externalId}) and routes them. To wait for the commit
 * inside an action, use the plugin kit's {@code Emissions.await}.
 */
public interface Emitter {

    /**
     * Stores and routes envelopes.
     *
     * @param envelopes the drafts, in order
     * @return completes with the assigned envelope ids (null for a duplicate) once they are durably stored, or
     *         exceptionally when storage failed (nothing stored)
     */
    CompletionStage<List<String>> emit(List<EnvelopeDraft> envelopes);
}
