package io.ponte.hub.dispatch;

import io.ponte.hub.connections.DeliverySettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again: the connection's schedule, each delay jittered by ±20% (so deliveries that
 * failed together do not retry together), or the provider's own {@code Retry-After} when it gave one. Empty when the
 * attempt budget is spent.
 */
final class RetryPolicy {

    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private RetryPolicy() {
    }

    /**
     * @param attemptsMade attempts made so far, including the one that just failed
     * @param retryAfter   the provider's requested delay, or null
     * @return the delay before the next attempt, or null when the delivery is dead
     */
    static Duration nextDelay(DeliverySettings settings, int attemptsMade, Duration retryAfter) {
        if (attemptsMade >= settings.maxAttempts()) {
            return null;
        }
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        Duration base = settings.retrySchedule().get(Math.max(0, attemptsMade - 1));
        double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
