package io.ponte.api.message;

import java.time.Instant;

/**
 * What the hub can store, so that a plugin can refuse the rest at its own door, naming its own fields (the hub checks
 * every envelope again before storing it, and the admin API checks its requests the same way):
 * <ul>
 *   <li>instants from {@link #EARLIEST} to {@link #LATEST}: the four-digit years of RFC 3339 (the hub keeps
 *       milliseconds since the epoch, and a date beyond year 9999 is a sender's mistake, not a date);</li>
 *   <li>text that is valid Unicode without NUL characters (databases refuse U+0000, and an unpaired surrogate
 *       would be stored as {@code ?}).</li>
 * </ul>
 *
 * @since 1.1.0
 */
public final class StorableValues {

    /** The earliest storable instant, {@code 0001-01-01T00:00:00Z}. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest storable instant, {@code 9999-12-31T23:59:59.999Z}. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    /** The storable range in words, for error messages. */
    public static final String INSTANT_RANGE = "between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private StorableValues() {
    }

    /** Whether the hub can store {@code instant}; null is not an instant. */
    public static boolean isStorable(Instant instant) {
        return instant != null && !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /**
     * Why the hub cannot store {@code text}, in words for the sender, or null when it can.
     *
     * @param text any text, not null
     * @return for example {@code "contains a NUL character (U+0000)"}, or null
     */
    public static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                        + "), which is not valid Unicode";
            }
        }
        return null;
    }
}
