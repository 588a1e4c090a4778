package io.ponte.hub.admin;

/** Too many requests for one key. Answered 429 with {@code Retry-After} and the {@code RateLimit-*} headers. */
public class RateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
