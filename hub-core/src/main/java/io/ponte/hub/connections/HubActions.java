package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.action.Actions;
import io.ponte.api.message.Envelope;
import java.util.Optional;

/**
 * {@link Actions} for one connection's context: other open connections of the same tenant, run now as tool calls
 * through the {@link ActionCall} (which refuses a connection calling itself or one already on its call chain).
 */
final class HubActions implements Actions {

    private final LiveConnections connections;
    private final ConnectionRef caller;
    private final java.util.function.Consumer<String> described;

    /**
     * @param described told the id of every connection of the tenant whose action {@link #describe} found (what a
     *                  config being checked names)
     */
    HubActions(LiveConnections connections, ConnectionRef caller, java.util.function.Consumer<String> described) {
        this.connections = connections;
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
        return connections.calls().invokeAsTool(caller, connectionId, action, input, cause);
    }
}
