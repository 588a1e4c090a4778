package io.ponte.api.connector;

import io.ponte.api.error.RetriableException;
import io.ponte.api.message.EnvelopeDraft;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes envelopes into the hub on behalf of a connection (agents' replies, events found outside webhooks).
 * The hub assigns ids, stores them durably (deduped on {@code externalId}) and routes them.
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

    /**
     * Stores envelopes and waits until they are durable: what an action that emits (an agent's reply) does before
     * it answers {@code Delivered}.
     *
     * @param envelopes the drafts, in order
     * @param timeout   the longest wait
     * @return the assigned ids, in order; null for a duplicate the hub already had (a retry's reply, say)
     * @throws RetriableException when the hub did not store them in time or failed to (then the action should
     *                            answer Retry: the same externalIds make the retry safe)
     * @since 1.1.0
     */
    default List<String> emitAndWait(List<EnvelopeDraft> envelopes, Duration timeout) {
        try {
            List<String> ids = emit(envelopes).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (ids == null || ids.size() != envelopes.size()) {
                throw new RetriableException("the hub answered the emit with " + (ids == null ? "nothing"
                        : ids.size() + " ids for " + envelopes.size() + " envelopes"));
            }
            return ids;
        } catch (TimeoutException e) {
            throw new RetriableException("the hub did not confirm storing the envelopes within "
                    + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RetriableException("the hub could not store the envelopes: " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while the hub stored the envelopes");
        }
    }
}
