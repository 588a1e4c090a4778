package io.ponte.hub.admin;

/** No or a wrong bearer token. Answered 401 with {@code WWW-Authenticate}. */
public class UnauthorizedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(message);
    }
}
