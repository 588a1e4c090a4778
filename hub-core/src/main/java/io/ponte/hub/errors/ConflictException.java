package io.ponte.hub.errors;

/** The request conflicts with the object's current state. Answered as 409. */
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
