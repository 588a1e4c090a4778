package io.ponte.kit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): delta-seconds or an HTTP-date, for
 * {@link io.ponte.api.action.ActionResult.Retry#after()}.
 *
 */
public final class RetryAfter {

    /** The longest wait honoured: a provider asking for more is more likely wrong than serious. */
    public static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /**
     * Parses a {@code Retry-After} value.
     *
     * @param value the header value, or null when absent
     * @param now   the current time, to turn an HTTP-date into a wait
     * @return the wait, at most {@link #MAX} and never negative (a date in the past gives zero), or null when the
     *         value is absent or unparseable (then the connection's backoff applies)
     */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // more digits than a long holds is still "a very long time"
            return v.length() > 9 ? MAX : cap(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Duration wait = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
            return wait.isNegative() ? Duration.ZERO : cap(wait);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration cap(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
