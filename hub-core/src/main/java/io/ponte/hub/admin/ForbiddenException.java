package io.ponte.hub.admin;

/** A valid key that may not do this (a read key changing things, a tenant key managing tenants). Answered 403. */
public class ForbiddenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }
}
