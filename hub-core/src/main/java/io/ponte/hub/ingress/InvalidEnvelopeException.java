package io.ponte.hub.ingress;

/**
 * An envelope the hub will not store (a conversation key that names no connection, an over-long externalId): the
 * input that made it is at fault, so a webhook that produced it is answered 400. An {@link IllegalArgumentException},
 * as plugins that emit such an envelope expect.
 */
public class InvalidEnvelopeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidEnvelopeException(String message) {
        super(message);
    }
}
