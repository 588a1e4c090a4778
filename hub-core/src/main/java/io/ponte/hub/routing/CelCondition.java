package io.ponte.hub.routing;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * A route condition in CEL, compiled once. Variables: {@code envelope} (the whole envelope JSON) and, as shortcuts,
 * its top-level fields {@code type}, {@code source}, {@code tenant}, {@code externalId}, {@code conversation},
 * {@code payload} and {@code attributes}. Absent optional fields are absent map keys: test with {@code has(...)}.
 */
public final class CelCondition {

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("envelope", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("payload", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("attributes", MapType.create(SimpleType.STRING, SimpleType.STRING))
            .addVar("type", SimpleType.STRING)
            .addVar("source", SimpleType.STRING)
            .addVar("tenant", SimpleType.STRING)
            .addVar("externalId", SimpleType.DYN)
            .addVar("conversation", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();

    private final String expression;
    private final CelRuntime.Program program;

    private CelCondition(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /**
     * Compiles an expression.
     *
     * @throws IllegalArgumentException with CEL's own description of the problem (position included)
     */
    public static CelCondition compile(String expression) {
        CelValidationResult result = CEL.compile(expression);
        if (result.hasError()) {
            throw new IllegalArgumentException(result.getErrorString());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new CelCondition(expression, CEL.createProgram(ast));
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * Evaluates against an envelope's variables (see {@link EnvelopeContext}).
     *
     * @throws IllegalStateException when evaluation fails (a missing key, a type mismatch)
     */
    public boolean matches(Map<String, Object> variables) {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("condition '" + expression + "' failed: " + e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }
}
