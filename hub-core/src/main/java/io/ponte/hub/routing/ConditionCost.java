package io.ponte.hub.routing;

import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/**
 * What a condition will cost, read from its syntax tree before the route is saved: how deep the tree is, how deep
 * comprehensions nest, and an estimate of the expression steps one evaluation takes. The estimate counts every node
 * once and multiplies a comprehension's loop by its range: the number of items of a literal list or map, and
 * {@link RoutingLimits#ASSUMED_LIST_SIZE} for one taken from the envelope (its real size is only known at run time,
 * where {@link EvaluationBudget} stops what the estimate let through).
 */
final class ConditionCost {

    private ConditionCost() {
    }

    /** Why the condition is refused, in words for the user, or null if it is within the limits. */
    static String refusal(CelExpr root) {
        int nesting = comprehensionNesting(root);
        if (nesting > RoutingLimits.CONDITION_MAX_COMPREHENSION_NESTING) {
            return "nests comprehensions (all, exists, exists_one, map, filter) " + nesting + " deep; at most "
                    + RoutingLimits.CONDITION_MAX_COMPREHENSION_NESTING;
        }
        int depth = depth(root);
        if (depth > RoutingLimits.CONDITION_MAX_DEPTH) {
            return "is nested " + depth + " levels deep (operators, calls, parentheses); at most "
                    + RoutingLimits.CONDITION_MAX_DEPTH;
        }
        long steps = estimatedSteps(root);
        if (steps > RoutingLimits.CONDITION_MAX_STEPS) {
            return "has an estimated cost of " + steps + " evaluation steps (counting each list from the envelope as "
                    + RoutingLimits.ASSUMED_LIST_SIZE + " items); at most " + RoutingLimits.CONDITION_MAX_STEPS
                    + ": iterate over fewer or shorter lists";
        }
        return null;
    }

    static int depth(CelExpr e) {
        int deepest = 0;
        for (CelExpr child : children(e)) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }

    static int comprehensionNesting(CelExpr e) {
        int deepest = 0;
        for (CelExpr child : children(e)) {
            deepest = Math.max(deepest, comprehensionNesting(child));
        }
        return e.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION ? deepest + 1 : deepest;
    }

    /** Saturates at {@link Long#MAX_VALUE} rather than overflowing. */
    static long estimatedSteps(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.COMPREHENSION) {
            long sum = 1;
            for (CelExpr child : children(e)) {
                sum = saturatedAdd(sum, estimatedSteps(child));
            }
            return sum;
        }
        CelExpr.CelComprehension c = e.comprehension();
        long perItem = saturatedAdd(estimatedSteps(c.loopCondition()), estimatedSteps(c.loopStep()));
        long loop = perItem > Long.MAX_VALUE / rangeSize(c.iterRange()) ? Long.MAX_VALUE
                : perItem * rangeSize(c.iterRange());
        return saturatedAdd(saturatedAdd(1 + estimatedSteps(c.iterRange()), estimatedSteps(c.accuInit())),
                saturatedAdd(loop, estimatedSteps(c.result())));
    }

    /** The ids of every comprehension's loop condition: CEL evaluates it once per iteration. */
    static BitSet loopConditions(CelExpr root) {
        BitSet ids = new BitSet();
        collect(root, ids, e -> e.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION
                ? e.comprehension().loopCondition() : null);
        return ids;
    }

    /**
     * The ids of the texts that {@code matches} reads ({@code text.matches(re)}, {@code matches(text, re)}): a regular
     * expression reads its text slowly, a step's worth of time for every few characters.
     */
    static BitSet regexSubjects(CelExpr root) {
        BitSet ids = new BitSet();
        collect(root, ids, e -> {
            if (e.getKind() != CelExpr.ExprKind.Kind.CALL || !e.call().function().equals("matches")) {
                return null;
            }
            return e.call().target().orElse(e.call().args().isEmpty() ? null : e.call().args().get(0));
        });
        return ids;
    }

    private static void collect(CelExpr e, BitSet ids, Function<CelExpr, CelExpr> pick) {
        CelExpr picked = pick.apply(e);
        if (picked != null) {
            ids.set(Math.toIntExact(picked.id()));
        }
        for (CelExpr child : children(e)) {
            collect(child, ids, pick);
        }
    }

    private static long rangeSize(CelExpr range) {
        return switch (range.getKind()) {
            case LIST -> Math.max(1, range.list().elements().size());
            case MAP -> Math.max(1, range.map().entries().size());
            default -> RoutingLimits.ASSUMED_LIST_SIZE;
        };
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static List<CelExpr> children(CelExpr e) {
        List<CelExpr> out = new ArrayList<>();
        switch (e.getKind()) {
            case SELECT -> out.add(e.select().operand());
            case CALL -> {
                e.call().target().ifPresent(out::add);
                out.addAll(e.call().args());
            }
            case LIST -> out.addAll(e.list().elements());
            case MAP -> e.map().entries().forEach(entry -> {
                out.add(entry.key());
                out.add(entry.value());
            });
            case STRUCT -> e.struct().entries().forEach(entry -> out.add(entry.value()));
            case COMPREHENSION -> {
                CelExpr.CelComprehension c = e.comprehension();
                out.addAll(List.of(c.iterRange(), c.accuInit(), c.loopCondition(), c.loopStep(), c.result()));
            }
            default -> {
            }
        }
        return out;
    }
}
