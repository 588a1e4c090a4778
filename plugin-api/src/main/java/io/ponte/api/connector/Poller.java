package io.ponte.api.connector;

import io.ponte.api.message.EnvelopeDraft;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Pulls from a source that has no webhooks. The hub calls {@link #poll} every {@link #interval()}, stores the
 * returned envelopes and only then keeps the returned cursor, so a crash between the two re-polls (and dedupe on
 * {@code externalId} drops the repeats).
 */
public interface Poller {

    /** How long to wait between polls. */
    Duration interval();

    /**
     * Fetches what is new since the cursor.
     *
     * @param cursor the cursor the previous poll returned, or empty on the first poll
     * @return the envelopes and the next cursor
     */
    Batch poll(Optional<String> cursor);

    /**
     * One poll's result.
     *
     * @param envelopes what is new; never null
     * @param cursor    the cursor to pass next time; null keeps the old one
     */
    record Batch(List<EnvelopeDraft> envelopes, String cursor) {
        /** Copies the list. */
        public Batch {
            envelopes = List.copyOf(envelopes);
        }
    }
}
