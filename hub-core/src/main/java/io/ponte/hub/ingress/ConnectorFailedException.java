package io.ponte.hub.ingress;

/** A connector's own code failed on a request (a bug or a timeout in the plugin); answered 500, nothing stored. */
public class ConnectorFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectorFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
