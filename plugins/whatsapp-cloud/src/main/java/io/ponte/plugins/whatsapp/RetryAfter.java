package io.ponte.plugins.whatsapp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): delta-seconds or an HTTP-date. */
final class RetryAfter {

    /** The longest wait honoured: an answer asking for more is more likely wrong than serious. */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /**
     * @param value the header value, or null
     * @param now   the current time, to turn an HTTP-date into a wait
     * @return the wait (at most {@link #MAX}, never negative), or null when absent or unparseable
     */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
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
