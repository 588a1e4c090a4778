package io.ponte.hub.routing;

import java.util.concurrent.TimeUnit;

/**
 * What one evaluation of tenant-written code — a route's condition, or the templates of one action input — may still
 * spend: steps, and time. One instance per evaluation, used by one thread. A spent budget throws {@link Exceeded},
 * and again on every later step.
 *
 * <p>Time is wall-clock time (ingress runs on virtual threads, which have no CPU clock of their own), so a pause of
 * the whole JVM counts too. That is why an evaluation's own deadline ({@link RoutingLimits#EVALUATION_MILLIS}) and the
 * envelope's ({@link RoutingLimits#ENVELOPE_MILLIS}) only apply once the evaluation has taken
 * {@link RoutingLimits#STEPS_BEFORE_CLOCK} steps: a simple condition is never failed by a pause. Only the envelope's
 * last-resort limit ({@link RoutingLimits#ENVELOPE_MAX_MILLIS}) applies whatever the steps.
 */
final class EvaluationBudget {

    /**
     * The budget is spent. An {@link Error}, not an exception, because the libraries it is thrown through would carry
     * on: CEL's logical operators and comprehensions absorb exceptions ({@code error || true} is true, and an
     * {@code all} keeps iterating past an error), and JMustache retries a fetcher that throws. It never leaves the
     * evaluation that started the budget, which turns it into an {@link IllegalStateException}. No stack trace: it is
     * an expected outcome and must be cheap to throw.
     */
    static final class Exceeded extends Error {
        private static final long serialVersionUID = 1L;

        Exceeded(String reason) {
            super(reason, null, false, false);
        }
    }

    /** When an envelope's routing started ({@link System#nanoTime()}): its deadlines count from there. */
    record EnvelopeClock(long startedAt) {
        static EnvelopeClock startNow() {
            return new EnvelopeClock(System.nanoTime());
        }
    }

    // reading the clock costs ~20 ns: on every step it would add a third to a simple condition's evaluation, so it is
    // read every 8th step, and an evaluation's own time counts from the first reading
    private static final int CLOCK_EVERY = 8;

    private final long maxSteps;
    private final String stepName;
    private final long sharedDeadline;
    private final long lastResort;
    private boolean clockStarted;
    private long ownDeadline;
    private long steps;
    private int calls;
    private String exceeded;

    private EvaluationBudget(long maxSteps, String stepName, EnvelopeClock envelope) {
        this.maxSteps = maxSteps;
        this.stepName = stepName;
        this.sharedDeadline = envelope.startedAt() + millis(RoutingLimits.ENVELOPE_MILLIS);
        this.lastResort = envelope.startedAt() + millis(RoutingLimits.ENVELOPE_MAX_MILLIS);
    }

    /**
     * A budget of {@code maxSteps} steps and {@link RoutingLimits#EVALUATION_MILLIS}, or what is left of the
     * envelope's time if that is less.
     *
     * @param stepName what a step is, in words, for the reason ("expression steps"); reasons read after "it"
     */
    static EvaluationBudget start(long maxSteps, String stepName, EnvelopeClock envelope) {
        return new EvaluationBudget(maxSteps, stepName, envelope);
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** Spends one step. */
    void step() {
        step(1);
    }

    /** Spends {@code weight} steps (a node that touches a large value weighs more). */
    void step(long weight) {
        if (exceeded != null) {
            throw new Exceeded(exceeded);
        }
        steps += weight;
        if (steps > maxSteps) {
            fail("took more than " + maxSteps + " " + stepName);
        }
        if (++calls % CLOCK_EVERY == 0) {
            readClock();
        }
    }

    private void readClock() {
        long now = System.nanoTime();
        if (now - lastResort > 0) {
            fail("ran past " + RoutingLimits.ENVELOPE_MAX_MILLIS + " ms, the most routing one envelope may take");
        }
        if (!clockStarted) {
            clockStarted = true;
            ownDeadline = now + millis(RoutingLimits.EVALUATION_MILLIS);
        } else if (steps >= RoutingLimits.STEPS_BEFORE_CLOCK) {
            if (now - ownDeadline > 0) {
                fail("took longer than " + RoutingLimits.EVALUATION_MILLIS + " ms");
            }
            if (now - sharedDeadline > 0) {
                fail("ran out of the " + RoutingLimits.ENVELOPE_MILLIS
                        + " ms that all the routes of one envelope share");
            }
        }
    }

    /** Stops the evaluation: records the first reason given and throws it. */
    void fail(String reason) {
        if (exceeded == null) {
            exceeded = reason;
        }
        throw new Exceeded(exceeded);
    }
}
