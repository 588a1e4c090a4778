package io.ponte.hub.routing;

import io.ponte.api.message.Envelope;
import java.util.List;
import java.util.Map;

/** A route ready to run: its condition compiled to CEL, its inputs to Mustache. Immutable and thread-safe. */
record CompiledRoute(String id, String tenant, String source, String type, CelCondition condition,
                     List<CompiledAction> actions) {

    record CompiledAction(String target, String action, InputTemplate input) {
    }

    /** Whether the cheap parts (source, type) match; the condition is checked separately. */
    boolean prefilter(Envelope envelope) {
        return (source == null || source.equals(envelope.source()))
                && (type == null || type.equals(envelope.type()))
                && tenant.equals(envelope.tenant());
    }

    /** Whether the condition holds, evaluated within the time the envelope's routing has left. */
    boolean conditionHolds(Map<String, Object> vars, EvaluationBudget.EnvelopeClock envelope) {
        return condition == null || condition.matches(vars, envelope);
    }
}
