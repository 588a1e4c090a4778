package io.ponte.hub.ingress;

/**
 * No open webhook behind the address: the connection is unknown, paused, broken or takes no webhooks. One answer for
 * all of them (503, a fixed text), so an anonymous caller cannot tell them apart and providers retry a paused one.
 */
public class NoWebhookException extends UnavailableException {
    private static final long serialVersionUID = 1L;

    NoWebhookException() {
        super("no webhook is accepting requests at this address now; retry later");
    }
}
