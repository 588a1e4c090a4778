package io.ponte.api.error;

/** A failure that may pass if tried again later: network errors, timeouts, 5xx, rate limits. */
public class RetriableException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public RetriableException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
