package io.ponte.api.webhook;

import io.ponte.api.message.EnvelopeDraft;
import java.util.List;
import java.util.Objects;

/**
 * What {@link WebhookReceiver#receive} returns: the envelopes to store (possibly none, e.g. for a provider's
 * ping) and the response to send once they are stored.
 *
 * @param envelopes the envelopes, in the provider's order; never null
 * @param response  the answer; never null
 */
public record WebhookResult(List<EnvelopeDraft> envelopes, WebhookResponse response) {

    /** Copies the list. */
    public WebhookResult {
        envelopes = List.copyOf(envelopes);
        Objects.requireNonNull(response, "response");
    }

    /** The envelopes, answered with a plain 200. */
    public static WebhookResult accepted(List<EnvelopeDraft> envelopes) {
        return new WebhookResult(envelopes, WebhookResponse.ok());
    }
}
