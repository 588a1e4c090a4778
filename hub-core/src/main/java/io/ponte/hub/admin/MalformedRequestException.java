package io.ponte.hub.admin;

/** The request cannot be read at all: not JSON, wrong content type, too large. */
public class MalformedRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;

    public MalformedRequestException(int status, String slug, String message) {
        super(message);
        this.status = status;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
