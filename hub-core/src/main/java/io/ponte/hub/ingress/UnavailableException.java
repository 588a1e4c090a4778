package io.ponte.hub.ingress;

/** The hub cannot take the request right now (connection not open, storage down); answered 503 so providers retry. */
public class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }
}
