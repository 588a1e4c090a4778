package io.ponte.api.media;

/**
 * Why a {@link MediaFetcher} could not hand over a file: gone or too large (never works, {@link #retriable()} false),
 * or the provider unreachable or limiting us (may work later). The message is shown to admins; it never quotes a
 * token or a signed URL.
 *
 * @since 2.0.0
 */
public class MediaFetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    private MediaFetchException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** The file will never come: gone at the provider, over the size cap, not what was declared. */
    public static MediaFetchException permanent(String message) {
        return new MediaFetchException(message, false, null);
    }

    /** The file may come later: the provider is unreachable, slow or limiting us. */
    public static MediaFetchException retriable(String message, Throwable cause) {
        return new MediaFetchException(message, true, cause);
    }

    /** Whether asking again later may work. */
    public boolean retriable() {
        return retriable;
    }
}
