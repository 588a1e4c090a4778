package io.ponte.api.webhook;

import io.ponte.api.message.EnvelopeDraft;
import java.util.List;
import java.util.Objects;

/**
 * What {@link WebhookReceiver#receive} returns: the envelopes to store (possibly none, e.g. for a provider's
 * ping) and the response to send once they are stored.
 *
 * @param envelopes the envelopes, in the provider's order; never null
 * @param response  the answer; never null. With an {@code answer}, the answer for "every envelope was new"
 * @param answer    computes the answer from what the hub stored (a replayed request stores nothing new), or null to
 *                  send {@code response} as it is
 */
public record WebhookResult(List<EnvelopeDraft> envelopes, WebhookResponse response, Answer answer) {

    /**
     * The response to a request once its envelopes are stored, from how many were new. Called by the hub after the
     * commit; must be quick and must not throw.
     *
     * @since 1.1.0
     */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param stored     how many envelopes were stored now
         * @param duplicates how many were stored before (same source and external id), so nothing changed for them
         * @return the response to send
         */
        WebhookResponse to(int stored, int duplicates);
    }

    /** Copies the list. */
    public WebhookResult {
        envelopes = List.copyOf(envelopes);
        Objects.requireNonNull(response, "response");
    }

    /** The envelopes with a fixed response, whatever was new. */
    public WebhookResult(List<EnvelopeDraft> envelopes, WebhookResponse response) {
        this(envelopes, response, null);
    }

    /** The envelopes, answered with a plain 200. */
    public static WebhookResult accepted(List<EnvelopeDraft> envelopes) {
        return new WebhookResult(envelopes, WebhookResponse.ok());
    }

    /**
     * The envelopes, answered with what {@code answer} says once the hub knows which of them were new.
     *
     * @since 1.1.0
     */
    public static WebhookResult answering(List<EnvelopeDraft> envelopes, Answer answer) {
        return new WebhookResult(envelopes, answer.to(envelopes.size(), 0), answer);
    }

    /**
     * The response to send after storing: {@code answer}'s for these counts, else {@link #response()}.
     *
     * @since 1.1.0
     */
    public WebhookResponse response(int stored, int duplicates) {
        return answer == null ? response : Objects.requireNonNull(answer.to(stored, duplicates), "answer");
    }
}
