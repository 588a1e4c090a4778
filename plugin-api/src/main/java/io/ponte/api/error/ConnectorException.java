package io.ponte.api.error;

/** Base of every exception a connector throws on purpose. Its message must never contain a secret. */
public abstract class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    protected ConnectorException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    protected ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying again later may succeed. */
    public abstract boolean retriable();
}
