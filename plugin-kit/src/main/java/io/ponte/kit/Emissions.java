package io.ponte.kit;

import io.ponte.api.connector.Emitter;
import io.ponte.api.message.EnvelopeDraft;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Emitting from inside an action, which must know the envelopes are durable before it answers. */
public final class Emissions {

    private Emissions() {
    }

    /**
     * Stores envelopes and waits until they are durable: what an action that emits (an agent's reply) does before
     * it answers {@code Delivered}.
     *
     * @param emitter   the connection's emitter
     * @param envelopes the drafts, in order
     * @param timeout   the longest wait
     * @return the assigned ids, in order; null for a duplicate the hub already had (a retry's reply, say)
     * @throws ActionFailure a retry, when the hub did not store them in time or failed to (the same externalIds
     *                       make the retry safe)
     */
    public static List<String> await(Emitter emitter, List<EnvelopeDraft> envelopes, Duration timeout) {
        try {
            List<String> ids = emitter.emit(envelopes).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (ids == null || ids.size() != envelopes.size()) {
                throw ActionFailure.retry("the hub answered the emit with " + (ids == null ? "nothing"
                        : ids.size() + " ids for " + envelopes.size() + " envelopes"));
            }
            return ids;
        } catch (TimeoutException e) {
            throw ActionFailure.retry("the hub did not confirm storing the envelopes within "
                    + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw ActionFailure.retry("the hub could not store the envelopes: " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionFailure.retry("interrupted while the hub stored the envelopes");
        }
    }
}
