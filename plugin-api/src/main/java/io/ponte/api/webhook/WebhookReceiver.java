package io.ponte.api.webhook;

import io.ponte.api.error.WebhookRejectedException;

/**
 * A connection's inbound door, served at {@code /hooks/{connectionId}}.
 *
 * <p>Threading: called concurrently from many (virtual) threads; implementations must be thread-safe and should
 * not block for long (no calls to the provider here: store first, act in an action).
 *
 * <p>Failure: throw {@link WebhookRejectedException} to refuse (401 bad signature, 400 malformed ...). Any other
 * exception answers 500 and is logged; in every failure case nothing of the request is stored.
 */
public interface WebhookReceiver {

    /**
     * Answers a GET (a provider's subscription handshake, such as Meta's {@code hub.challenge}). The default
     * refuses with 405.
     *
     * @param request the raw request
     * @return the response to send
     * @throws WebhookRejectedException to refuse (403 for a wrong verify token)
     */
    default WebhookResponse handshake(WebhookRequest request) {
        return new WebhookResponse(405, "text/plain; charset=utf-8", "this connection takes POST only",
                java.util.Map.of("Allow", "POST"));
    }

    /**
     * Verifies and parses a POST.
     *
     * @param request the raw request
     * @return the envelopes to store and the response to send after storing them
     * @throws WebhookRejectedException to refuse the request (nothing is stored)
     */
    WebhookResult receive(WebhookRequest request);
}
