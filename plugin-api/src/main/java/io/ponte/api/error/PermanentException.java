package io.ponte.api.error;

/** A failure that will repeat on every try: bad config, rejected input, revoked credentials. */
public class PermanentException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public PermanentException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public PermanentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
