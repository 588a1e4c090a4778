package io.ponte.hub.routing;

/**
 * What the tenant-written parts of a route — its CEL condition and its Mustache inputs — may cost. They run on the
 * ingress request thread before the group commit, so their time is the webhook's time. What certainly exceeds these
 * limits is refused when the route is saved; every evaluation runs under an {@link EvaluationBudget} that stops it
 * (a routing error recorded on the event) instead of holding the webhook. docs/architecture.md lists them for users.
 */
final class RoutingLimits {

    /** Longest condition, in characters. */
    static final int CONDITION_MAX_CHARS = 2_000;

    /** Deepest condition syntax tree (operators, calls, parentheses): deep trees cost stack on the ingress thread. */
    static final int CONDITION_MAX_DEPTH = 50;

    /** Comprehensions ({@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code filter}) inside each other. */
    static final int CONDITION_MAX_COMPREHENSION_NESTING = 3;

    /**
     * Expression nodes one evaluation may evaluate; a condition whose estimated cost exceeds it is refused at save
     * time. cel-java evaluates roughly one node per microsecond, so this is about the time of the deadline.
     */
    static final int CONDITION_MAX_STEPS = 100_000;

    /** Comprehension iterations one evaluation may run, all comprehensions together. */
    static final int CONDITION_MAX_ITERATIONS = 10_000;

    /** Items assumed for a list or map taken from the envelope when a condition's cost is estimated at save time. */
    static final int ASSUMED_LIST_SIZE = 10;

    /** Largest string (characters) or list (elements) a condition may build: the webhook body limit's order. */
    static final int CONDITION_MAX_BUILT_SIZE = 4 << 20;

    /** Largest regular expression program (RE2) a condition's {@code matches} may compile. */
    static final int CONDITION_MAX_REGEX_PROGRAM = 1_000;

    /** Characters one action input may render, all its templated strings together. */
    static final int TEMPLATE_MAX_OUTPUT_CHARS = 256 * 1024;

    /** Look-ups and section iterations one action input's templates may make. */
    static final int TEMPLATE_MAX_STEPS = 100_000;

    /**
     * Time one evaluation (a condition, or one action input) may take once it has done real work: the clock is only
     * consulted after {@link #STEPS_BEFORE_CLOCK} steps, so a garbage-collection pause or a busy CPU never stops a
     * cheap condition.
     */
    static final long EVALUATION_MILLIS = 50;

    /** Steps (see {@link EvaluationBudget#step(long)}) an evaluation takes before the clock can stop it. */
    static final int STEPS_BEFORE_CLOCK = 1_000;

    /** Time all the routes of one envelope may take together once each has done real work. */
    static final long ENVELOPE_MILLIS = 200;

    /**
     * Time the routing of one envelope may take in any case, however few steps: a few calls on a very large value
     * (a regular expression over a long text) are few steps but slow.
     */
    static final long ENVELOPE_MAX_MILLIS = 1_000;

    private RoutingLimits() {
    }
}
