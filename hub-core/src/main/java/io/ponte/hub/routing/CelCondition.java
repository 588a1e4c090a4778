package io.ponte.hub.routing;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import java.util.BitSet;
import java.util.Collection;
import java.util.Map;

/**
 * A route condition in CEL, compiled once. Variables: {@code envelope} (the whole envelope JSON) and, as shortcuts,
 * its top-level fields {@code type}, {@code source}, {@code tenant}, {@code externalId}, {@code conversation},
 * {@code payload} and {@code attributes}, and {@code contact} (the hub's contact of the envelope's conversation:
 * {@code contact.id}, {@code contact.crm.hubspot} ...; an empty map without one). Absent optional fields are absent map keys: test with {@code has(...)}.
 * A condition that exceeds {@link RoutingLimits} is refused by {@link #compile}; every evaluation runs under an
 * {@link EvaluationBudget}.
 */
public final class CelCondition {

    // CEL's own iteration limit throws an exception its comprehensions absorb and keep iterating past (re-thrown,
    // with a stack trace, on every later iteration); the Guard counts iterations itself and stops for good. CEL's
    // stays as a backstop.
    private static final CelOptions OPTIONS = CelOptions.current()
            .maxExpressionCodePointSize(RoutingLimits.CONDITION_MAX_CHARS)
            .comprehensionMaxIterations(2 * RoutingLimits.CONDITION_MAX_ITERATIONS)
            .maxRegexProgramSize(RoutingLimits.CONDITION_MAX_REGEX_PROGRAM)
            .build();

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("envelope", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("payload", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("attributes", MapType.create(SimpleType.STRING, SimpleType.STRING))
            .addVar("type", SimpleType.STRING)
            .addVar("source", SimpleType.STRING)
            .addVar("tenant", SimpleType.STRING)
            .addVar("externalId", SimpleType.DYN)
            .addVar("conversation", SimpleType.DYN)
            .addVar("contact", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();

    private final String expression;
    private final CelRuntime.Program program;
    private final BitSet loopConditions;
    private final BitSet regexSubjects;

    private CelCondition(String expression, CelRuntime.Program program, CelExpr root) {
        this.expression = expression;
        this.program = program;
        this.loopConditions = ConditionCost.loopConditions(root);
        this.regexSubjects = ConditionCost.regexSubjects(root);
    }

    /**
     * Compiles an expression, refusing what cannot be evaluated within the limits.
     *
     * @throws IllegalArgumentException saying what is wrong, in words for the user: CEL's own description of a
     *                                  syntax or type error (position included), or the limit exceeded
     */
    public static CelCondition compile(String expression) {
        int length = expression.codePointCount(0, expression.length());
        if (length > RoutingLimits.CONDITION_MAX_CHARS) {
            throw new IllegalArgumentException("is " + length + " characters long; at most "
                    + RoutingLimits.CONDITION_MAX_CHARS);
        }
        CelValidationResult result = CEL.compile(expression);
        if (result.hasError()) {
            dev.cel.common.CelSourceLocation at = result.getErrors().get(0).getSourceLocation();
            boolean known = at.getLine() > 0;
            // CEL counts columns from 0 and shows them from 1 (as in the message): say them as shown
            throw new InvalidExpression("invalid CEL: " + result.getErrorString(), known ? at.getLine() : null,
                    known ? at.getColumn() + 1 : null);
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid CEL: " + e.getMessage());
        }
        String refusal = ConditionCost.refusal(ast.getExpr());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        try {
            return new CelCondition(expression, CEL.createProgram(ast), ast.getExpr());
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid CEL: " + e.getMessage());
        }
    }

    /**
     * Evaluates against an envelope's variables (see {@link EnvelopeContext}) with a budget of its own.
     *
     * @throws IllegalStateException when evaluation fails (a missing key, a type mismatch) or is stopped
     */
    public boolean matches(Map<String, Object> variables) {
        return matches(variables, EvaluationBudget.EnvelopeClock.startNow());
    }

    /**
     * Evaluates within {@link RoutingLimits#CONDITION_MAX_STEPS} steps, {@link RoutingLimits#CONDITION_MAX_ITERATIONS}
     * iterations and the time the envelope's routing has left (see {@link EvaluationBudget}).
     *
     * @throws IllegalStateException when evaluation fails or is stopped, saying why
     */
    boolean matches(Map<String, Object> variables, EvaluationBudget.EnvelopeClock envelope) {
        EvaluationBudget budget = EvaluationBudget.start(RoutingLimits.CONDITION_MAX_STEPS, "expression steps",
                envelope);
        try {
            return Boolean.TRUE.equals(program.trace(variables, new Guard(budget)));
        } catch (EvaluationBudget.Exceeded e) {
            throw new IllegalStateException("condition stopped: it " + e.getMessage());
        } catch (CelEvaluationException e) {
            if (e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
                throw new IllegalStateException("condition stopped: it took more than "
                        + OPTIONS.comprehensionMaxIterations() + " comprehension iterations");
            }
            throw new IllegalStateException("condition '" + expression + "' failed: " + e.getMessage());
        }
    }

    /**
     * Called after every node CEL evaluates: spends a step, more for a large value (scanning it is work in proportion
     * to its size: a step per KiB, a step per character for the text of a regular expression), counts iterations (a
     * loop condition is evaluated once per iteration) and stops the values the condition builds from growing without
     * bound.
     */
    private final class Guard implements CelEvaluationListener {
        private final EvaluationBudget budget;
        private int iterations;

        Guard(EvaluationBudget budget) {
            this.budget = budget;
        }

        @Override
        public void callback(CelExpr expr, Object value) {
            int size = value instanceof String s ? s.length() : value instanceof Collection<?> c ? c.size()
                    : value instanceof Map<?, ?> m ? m.size() : 0;
            if (size > RoutingLimits.CONDITION_MAX_BUILT_SIZE && (expr.getKind() == CelExpr.ExprKind.Kind.CALL
                    || expr.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION)) {
                budget.fail("built a value of " + size + " characters or items; at most "
                        + RoutingLimits.CONDITION_MAX_BUILT_SIZE);
            }
            int id = (int) expr.id();
            budget.step(1 + (regexSubjects.get(id) ? size : size / 1024));
            if (loopConditions.get(id) && ++iterations > RoutingLimits.CONDITION_MAX_ITERATIONS) {
                budget.fail("took more than " + RoutingLimits.CONDITION_MAX_ITERATIONS + " comprehension iterations");
            }
        }
    }

    public String expression() {
        return expression;
    }
}
