package io.ponte.hub.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a route would do with an envelope ({@code POST /api/v1/routes/test}); nothing is stored or delivered.
 *
 * @param matches whether the route would send
 * @param inputs  when it matches, the rendered input of each action, in order; else null
 * @param error   the condition or input that failed to compile or to run, else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RouteTrial(boolean matches, List<Action> inputs, Error error) {

    /** One action with the input it would get. */
    public record Action(String target, String action, JsonNode input) {
    }

    /**
     * Why the route could not be run.
     *
     * @param field  {@code condition} or {@code input}
     * @param line   1-based, where the library says (CEL: line and column; Mustache: line), else null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Error(String field, String message, Integer line, Integer column) {
        static Error of(String field, RuntimeException e) {
            return e instanceof InvalidExpression p ? new Error(field, e.getMessage(), p.line(), p.column())
                    : new Error(field, e.getMessage(), null, null);
        }
    }
}
