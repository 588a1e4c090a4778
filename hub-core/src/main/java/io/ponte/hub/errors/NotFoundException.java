package io.ponte.hub.errors;

/** The addressed object does not exist (or is not visible to the caller). Answered as 404. */
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String what, String id) {
        super("no " + what + " with id '" + id + "'");
    }
}
