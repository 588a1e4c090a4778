package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.errors.ValidationException.FieldError;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/**
 * A connection's circuit breaker: over its last {@code window} calls (at least {@code minimumCalls} of them), when
 * {@code failureRatePercent} or more failed — a {@code Retry} outcome: a timeout, a 5xx, the provider unreachable —
 * the circuit opens for {@code open}; then {@code halfOpenCalls} probes decide whether it closes or opens again.
 * Sized for low-volume connections (a window of 100 calls, Resilience4j's default, would never open on one that
 * sends a few messages an hour). JSON form, inside a connection's {@code delivery}:
 * {@code "breaker":{"enabled":true,"failureRatePercent":50,"window":20,"minimumCalls":5,"openSeconds":30,
 * "halfOpenCalls":2}}.
 */
public record BreakerSettings(boolean enabled, int failureRatePercent, int window, int minimumCalls, Duration open,
                              int halfOpenCalls) {

    public static final BreakerSettings DEFAULT = new BreakerSettings(true, 50, 20, 5, Duration.ofSeconds(30), 2);
    private static final List<String> FIELDS = List.of("enabled", "failureRatePercent", "window", "minimumCalls",
            "openSeconds", "halfOpenCalls");

    /** Parses {@code delivery.breaker}; absent fields take the defaults. */
    static BreakerSettings parse(JsonNode json, List<FieldError> errors) {
        if (json == null || json.isNull()) {
            return DEFAULT;
        }
        if (!json.isObject()) {
            errors.add(new FieldError("delivery.breaker", "must be an object such as {\"failureRatePercent\":50,"
                    + "\"window\":20,\"minimumCalls\":5,\"openSeconds\":30,\"halfOpenCalls\":2}"));
            return DEFAULT;
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError("delivery.breaker." + f, "unknown field; known: " + String.join(", ", FIELDS)));
            }
        }
        JsonNode e = json.get("enabled");
        boolean enabled = DEFAULT.enabled();
        if (e != null && !e.isNull()) {
            if (!e.isBoolean()) {
                errors.add(new FieldError("delivery.breaker.enabled", "must be true or false"));
            } else {
                enabled = e.booleanValue();
            }
        }
        int rate = integer(json, "failureRatePercent", 1, 100, DEFAULT.failureRatePercent(), errors);
        int window = integer(json, "window", 1, 1000, DEFAULT.window(), errors);
        int minimum = integer(json, "minimumCalls", 1, 1000, Math.min(DEFAULT.minimumCalls(), window), errors);
        if (minimum > window) {
            errors.add(new FieldError("delivery.breaker.minimumCalls", "must not be more than window (" + window
                    + ")"));
            minimum = window;
        }
        int open = integer(json, "openSeconds", 1, 3600, (int) DEFAULT.open().toSeconds(), errors);
        int probes = integer(json, "halfOpenCalls", 1, 100, DEFAULT.halfOpenCalls(), errors);
        return new BreakerSettings(enabled, rate, window, minimum, Duration.ofSeconds(open), probes);
    }

    private static int integer(JsonNode json, String field, int min, int max, int fallback, List<FieldError> errors) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            errors.add(new FieldError("delivery.breaker." + field, "must be an integer between " + min + " and "
                    + max));
            return fallback;
        }
        return v.asInt();
    }
}
