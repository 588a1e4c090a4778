package io.ponte.hub.connections;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One open connection's circuit breaker (Resilience4j), counting the outcomes of the actions run on it: a
 * {@link ActionResult.Retry} is a failure (the provider timed out, failed or could not be reached), a
 * {@link ActionResult.Delivered} or {@link ActionResult.Failed} a success (the provider answered; a refused input
 * says nothing about its health). While open, calls are not made: deliveries wait without spending an attempt and
 * admins and agents get a {@code Retry} at once. Every change of state is reported as the connection's health and
 * counted ({@code ponte_breaker_transitions_total{connection,to}}), every call held back too
 * ({@code ponte_breaker_rejected_total{connection}}).
 * Thread-safe.
 */
public final class ConnectionBreaker {

    /** Why a call may not be made now, and for how long at least. */
    public record Open(Duration after, String reason) {
    }

    private final CircuitBreaker breaker;
    private final BreakerSettings settings;
    private final Clock clock;
    private final Counter rejected;
    private volatile Instant openedAt;
    // the state as shown: moves after the health of a change was reported (Resilience4j changes its own state first
    // and tells its listeners after, so a reader could see "open" with the connection's health not yet degraded)
    private volatile String shown = "closed";
    private final ReentrantLock telling = new ReentrantLock();

    ConnectionBreaker(String connectionId, BreakerSettings settings, Clock clock, Consumer<Health> health,
                      MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.open())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build();
        this.breaker = CircuitBreaker.of(connectionId, config);
        this.rejected = meters.counter("ponte.breaker.rejected", "connection", connectionId);
        breaker.getEventPublisher().onStateTransition(e -> {
            CircuitBreaker.State to = e.getStateTransition().getToState();
            meters.counter("ponte.breaker.transitions", "connection", connectionId, "to",
                    to.name().toLowerCase(java.util.Locale.ROOT)).increment();
            tell(to, health);
        });
    }

    /**
     * Reports a change as health, then shows it. Resilience4j tells each change on the thread that made it, after it
     * made it, so a change can be told after a later one (one call moves the circuit to half-open and is preempted
     * before telling; another takes the probe's permission, works and closes it). A change that is no longer the
     * circuit's state is not reported: the later change's own telling, which follows it, reports and shows it.
     */
    private void tell(CircuitBreaker.State to, Consumer<Health> health) {
        telling.lock();
        try {
            if (breaker.getState() != to) {
                return;
            }
            switch (to) {
                case OPEN -> {
                    openedAt = clock.instant();
                    health.accept(new Health(Health.Status.DEGRADED, "circuit open: "
                            + Math.round(breaker.getMetrics().getFailureRate()) + " % of the last "
                            + breaker.getMetrics().getNumberOfBufferedCalls() + " calls failed; deliveries wait, the "
                            + "next probe is in " + settings.open().toSeconds() + " s"));
                }
                case CLOSED -> health.accept(Health.up("circuit closed: the probes worked"));
                default -> {
                }
            }
            shown = to.name().toLowerCase(java.util.Locale.ROOT);
        } finally {
            telling.unlock();
        }
    }

    /**
     * Takes the permission to call, or says why not.
     *
     * @return null when the call may go ahead (then {@link #record} or {@link #release} must follow), else why not
     */
    public Open acquire() {
        if (!settings.enabled()) {
            return null;
        }
        try {
            breaker.acquirePermission();
            return null;
        } catch (CallNotPermittedException e) {
            rejected.increment();
            Instant opened = openedAt;
            Duration left = opened == null ? settings.open()
                    : settings.open().minus(Duration.between(opened, clock.instant()));
            Duration wait = left.isNegative() || left.isZero() ? Duration.ofMillis(200) : left;
            return new Open(wait, "circuit open since " + opened + ": too many recent calls failed; next probe in "
                    + Math.max(1, wait.toSeconds()) + " s");
        }
    }

    /** Counts the outcome of a call made with a permission. */
    public void record(ActionResult result, Duration took) {
        if (!settings.enabled()) {
            return;
        }
        if (result instanceof ActionResult.Retry r) {
            breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, new RetriedCall(r.reason()));
        } else {
            breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Gives a permission back unused (the call was throttled, not made). */
    public void release() {
        if (settings.enabled()) {
            breaker.releasePermission();
        }
    }

    /**
     * {@code closed}, {@code open} or {@code half_open}; {@code disabled} when switched off. A change shows once the
     * connection's health says it too.
     */
    public String state() {
        return settings.enabled() ? shown : "disabled";
    }

    /** The failure rate of the calls in the window, in percent, or -1 while fewer than the minimum were made. */
    public float failureRate() {
        return breaker.getMetrics().getFailureRate();
    }

    /** The calls counted in the window. */
    public int calls() {
        return breaker.getMetrics().getNumberOfBufferedCalls();
    }

    /** A retried call, as the breaker counts it (no stack trace: this is an outcome, not a bug). */
    private static final class RetriedCall extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetriedCall(String reason) {
            super(reason, null, false, false);
        }
    }
}
