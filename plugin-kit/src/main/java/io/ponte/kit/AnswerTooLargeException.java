package io.ponte.kit;

import java.io.IOException;
import java.util.Optional;

/**
 * The provider's answer passed the size cap; reading stopped there. The message names the cap only, never the URL
 * or anything from the answer, so it is safe for delivery reasons and health reports.
 */
public final class AnswerTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long maxBytes;

    /**
     * @param maxBytes the cap that was passed
     */
    public AnswerTooLargeException(long maxBytes) {
        super("the provider's answer is larger than " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** The cap that was passed. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Finds the exception in a cause chain: the JDK client wraps what a body subscriber fails with in an
     * exception of its own.
     *
     * @param failure any throwable, or null
     * @return the exception, if {@code failure} is one or was caused by one
     */
    public static Optional<AnswerTooLargeException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AnswerTooLargeException tooLarge) {
                return Optional.of(tooLarge);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
