package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.plugins.PluginGuard;
import io.ponte.hub.storage.Ids;
import java.time.Duration;
import java.util.List;

/**
 * Runs one action of a connection now, for an admin ({@code POST /api/v1/connections/{id}/actions/{action}}):
 * under the same guard, timeout, concurrency limit and send rate as the dispatcher, but not through the outbox —
 * for one-off operations such as {@code webhook.register}. Messages that must not be lost go through routes or
 * {@code message.outbound} envelopes instead.
 */
public final class ActionInvoker {

    /** Most connections one synchronous chain of tool calls may pass through. */
    static final int MAX_CALL_DEPTH = 10;
    // the connections whose actions are running on this thread's call stack (inherited by the plugin-call threads)
    private static final InheritableThreadLocal<List<String>> CALLS = new InheritableThreadLocal<>();

    private final ConnectionService connections;

    /** Runs {@code call} as the action of {@code connectionId}: tool calls made inside it see it on the stack. */
    public static <T> T calling(String connectionId, java.util.function.Supplier<T> call) {
        List<String> outer = CALLS.get();
        List<String> inner = new java.util.ArrayList<>(outer == null ? List.of() : outer);
        inner.add(connectionId);
        CALLS.set(List.copyOf(inner));
        try {
            return call.get();
        } finally {
            CALLS.set(outer);
        }
    }

    /** Why calling {@code connectionId} now would loop (it is already running below us), or null. */
    static String cycle(String connectionId) {
        List<String> stack = CALLS.get();
        if (stack == null) {
            return null;
        }
        if (stack.contains(connectionId)) {
            return "call cycle refused: " + String.join(" → ", stack) + " → " + connectionId
                    + " (a connection's action is already running further up this chain)";
        }
        return stack.size() >= MAX_CALL_DEPTH ? "call chain too deep: " + String.join(" → ", stack) : null;
    }

    public ActionInvoker(ConnectionService connections) {
        this.connections = connections;
    }

    /**
     * @throws NotFoundException for an unknown connection or an action its connector does not offer
     * @throws ConflictException when the connection is not open
     */
    public ActionResult invoke(String connectionId, String action, JsonNode input) {
        return invoke(connectionId, action, input, null);
    }

    /** As {@link #invoke(String, String, JsonNode)}, on behalf of an envelope being handled. */
    public ActionResult invoke(String connectionId, String action, JsonNode input, io.ponte.api.message.Envelope cause) {
        LiveConnection conn = connections.live(connectionId).orElseThrow(() -> {
            if (!connections.exists(connectionId)) {
                return new NotFoundException("connection", connectionId);
            }
            return new ConflictException("connection " + connectionId + " is not open: "
                    + connections.problem(connectionId).orElse("not open on this node"));
        });
        if (conn.connector().descriptor().action(action).isEmpty()) {
            throw new NotFoundException("action of connector " + conn.ref().connectorType() + " (it offers "
                    + conn.connector().descriptor().actions().stream().map(ActionSpec::name).toList() + ")", action);
        }
        Duration timeout = conn.delivery().timeout();
        long wait = conn.throttle().reserve("admin|" + connectionId, System.nanoTime(), timeout.toNanos());
        if (wait > timeout.toNanos()) {
            return ActionResult.retryAfter(Duration.ofNanos(wait), "the connection's send rate limit is reached");
        }
        ActionRequest request = new ActionRequest(action, input, cause, Ids.next("adm"), 1);
        try {
            Thread.sleep(Duration.ofNanos(wait));
            conn.concurrency().acquire();
            try {
                ActionResult result = calling(connectionId, () -> PluginGuard.call(conn.classLoader(), conn.mdc(),
                        timeout, () -> conn.instance().invoke(request)));
                return result != null ? result : ActionResult.retry("the connector returned no result");
            } finally {
                conn.concurrency().release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.retry("interrupted");
        } catch (RuntimeException e) {
            return ActionResult.retry("the connector failed: " + e.getMessage());
        }
    }
}
