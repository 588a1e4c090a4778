package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.MessageJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long Meta asks us to wait: a {@code Retry-After} header (delta-seconds or HTTP-date) when present, otherwise
 * the largest {@code estimated_time_to_regain_access} (minutes) of the {@code X-Business-Use-Case-Usage} header
 * Graph sends with throttling errors.
 */
final class RetryAfter {

    /** The longest wait honoured. */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /** The wait, or null when the answer names none (then the connection's backoff applies). */
    static Duration of(InstagramClient.Response response, Instant now) {
        Duration header = response.header("retry-after").map(v -> parseRetryAfter(v, now)).orElse(null);
        if (header != null) {
            return header;
        }
        return response.header("x-business-use-case-usage").map(RetryAfter::parseUsage).orElse(null);
    }

    static Duration parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (v.chars().allMatch(Character::isDigit)) {
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

    /** {@code {"<id>":[{"type":"instagram","call_count":100,...,"estimated_time_to_regain_access":5}]}}. */
    static Duration parseUsage(String value) {
        JsonNode root;
        try {
            root = MessageJson.mapper().readTree(value);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        long minutes = 0;
        for (JsonNode usages : root) {
            for (JsonNode usage : usages) {
                minutes = Math.max(minutes, usage.path("estimated_time_to_regain_access").asLong(0));
            }
        }
        return minutes <= 0 ? null : cap(Duration.ofMinutes(minutes));
    }

    private static Duration cap(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
