package io.ponte.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.action.Actions;
import io.ponte.api.message.Envelope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * In-memory {@link Actions} for tests of connectors that call other connections' actions (agents' tools): register
 * what each action answers, then read back every call. Like the hub, it describes a registered action whether or
 * not it answers calls, and never the caller's own connection (describe is empty, invoke fails). Thread-safe.
 *
 * @since 1.1.0
 */
public final class TestActions implements Actions {

    /** One recorded call. */
    public record Call(String connectionId, String action, JsonNode input, Envelope cause) {
    }

    private record Handler(ActionSpec spec, BiFunction<JsonNode, Envelope, ActionResult> answer) {
    }

    private final String caller;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** Actions for a caller with no connection id of its own. */
    public TestActions() {
        this(null);
    }

    /**
     * Actions as the connection {@code caller} sees them: its own connection is never described nor called.
     *
     * @param caller the calling connection's id, or null
     * @since 1.2.0
     */
    public TestActions(String caller) {
        this.caller = caller;
    }

    /** Makes {@code connectionId}'s action {@code spec.name()} answer with {@code answer(input, cause)}. */
    public TestActions register(String connectionId, ActionSpec spec, BiFunction<JsonNode, Envelope, ActionResult> answer) {
        handlers.put(connectionId + "/" + spec.name(), new Handler(spec, answer));
        return this;
    }

    /**
     * Makes {@code connectionId} offer {@code action} to {@link #describe} only, as the hub describes a connection
     * of the tenant that is saved but not open: what a config being checked ({@code ConnectorFactory.validate}) may
     * name. A call to it fails.
     *
     * @since 1.2.0
     */
    public TestActions offer(String connectionId, String action) {
        return register(connectionId, new ActionSpec(action, "offered in this test", null), (input, cause) ->
                ActionResult.failed("connection " + connectionId + " is not open in this test"));
    }

    /** Every call so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public Optional<ActionSpec> describe(String connectionId, String action) {
        if (connectionId.equals(caller)) {
            return Optional.empty();
        }
        return Optional.ofNullable(handlers.get(connectionId + "/" + action)).map(Handler::spec);
    }

    @Override
    public ActionResult invoke(String connectionId, String action, JsonNode input, Envelope cause) {
        calls.add(new Call(connectionId, action, input, cause));
        if (connectionId.equals(caller)) {
            return ActionResult.failed("a connection cannot call its own actions as tools");
        }
        Handler h = handlers.get(connectionId + "/" + action);
        if (h == null) {
            return ActionResult.failed("no connection " + connectionId + " with action " + action);
        }
        ActionResult r = h.answer().apply(input, cause);
        return r != null ? r : ActionResult.failed("the test handler returned nothing");
    }
}
