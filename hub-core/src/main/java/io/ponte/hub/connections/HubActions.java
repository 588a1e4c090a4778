package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.action.Actions;
import io.ponte.api.message.Envelope;
import java.util.Optional;

/**
 * {@link Actions} for one connection's context: other open connections of the same tenant, run now through the
 * {@link ActionInvoker}. A connection cannot call itself (an agent answering through its own tools would loop).
 */
final class HubActions implements Actions {

    private final LiveConnections connections;
    private final ActionInvoker invoker;
    private final ConnectionRef caller;
    private final java.util.function.Consumer<String> described;

    /**
     * @param described told the id of every connection of the tenant whose action {@link #describe} found (what a
     *                  config being checked names)
     */
    HubActions(LiveConnections connections, ConnectionRef caller, java.util.function.Consumer<String> described) {
        this.connections = connections;
        this.invoker = new ActionInvoker(connections);
        this.caller = caller;
        this.described = described;
    }

    @Override
    public Optional<ActionSpec> describe(String connectionId, String action) {
        if (caller.id().equals(connectionId)) {
            return Optional.empty();
        }
        Optional<ActionSpec> spec = connections.action(caller.tenant(), connectionId, action);
        spec.ifPresent(s -> described.accept(connectionId));
        return spec;
    }

    @Override
    public ActionResult invoke(String connectionId, String action, JsonNode input, Envelope cause) {
        if (caller.id().equals(connectionId)) {
            return ActionResult.failed("a connection cannot call its own actions as tools");
        }
        if (target(connectionId).isEmpty()) {
            return ActionResult.failed("no open connection " + connectionId + " in this tenant");
        }
        String cycle = ActionInvoker.cycle(connectionId);
        if (cycle != null) {
            return ActionResult.failed(cycle);
        }
        try {
            return invoker.invoke(connectionId, action, input, cause);
        } catch (RuntimeException e) {
            return ActionResult.failed(e.getMessage());
        }
    }

    private Optional<LiveConnection> target(String connectionId) {
        return connections.live(connectionId).filter(c -> c.ref().tenant().equals(caller.tenant()));
    }
}
