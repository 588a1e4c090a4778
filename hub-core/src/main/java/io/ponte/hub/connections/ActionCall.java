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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an action of a connection runs: the send rate is booked, a slot of the connection's concurrency limit
 * taken, the action called through {@link PluginGuard} (context class loader, MDC, the connection's timeout) with the
 * connection on the call chain, and whatever the connector threw mapped to a result. The dispatcher runs outbox
 * deliveries through {@link #run}; admins ({@code POST /api/v1/connections/{id}/actions/{action}}) through
 * {@link #invoke}; agents' tool calls through {@link #invokeAsTool}.
 *
 * <p>The call chain is the connections whose actions are running on this thread's call stack, inherited by the
 * plugin-call threads: a call to a connection already on it is refused at once (a cycle of specialists handing a
 * message to each other), as is a chain deeper than {@value #MAX_CALL_DEPTH}.
 *
 * <p>Thread-safe (stateless past construction). Calls block the calling thread (meant to be virtual) while they wait
 * for the send rate, a concurrency slot and the connector.
 */
public final class ActionCall {

    private static final Logger LOG = LoggerFactory.getLogger(ActionCall.class);

    /** Most connections one synchronous chain of tool calls may pass through. */
    static final int MAX_CALL_DEPTH = 10;
    private static final InheritableThreadLocal<List<String>> CALLS = new InheritableThreadLocal<>();

    private final LiveConnections connections;
    private final LongSupplier nanoTime;

    /** What a call came to: the connector's result, or the send rate's wait, longer than the caller may sleep. */
    public sealed interface Outcome {
    }

    /** The connector's result (a thrown exception already mapped: retriable or not). */
    public record Completed(ActionResult result) implements Outcome {
    }

    /** Not called: the connection's send rate has a slot only after {@code delay}, which stays booked. */
    public record Throttled(Duration delay) implements Outcome {
    }

    /** Not called: the connection's circuit is open (too many recent calls failed); try after {@code wait}. */
    public record Open(Duration after, String reason) implements Outcome {
    }

    /** @param nanoTime the monotonic ticker send rates count in ({@link System#nanoTime()} but in tests) */
    public ActionCall(LiveConnections connections, LongSupplier nanoTime) {
        this.connections = connections;
        this.nanoTime = nanoTime;
    }

    /**
     * Runs an action of an open connection now.
     *
     * @param throttleKey the send rate's per-key bucket (the delivery's ordering key, say)
     * @param maxSleep    how long this thread may wait for the send rate; a longer wait is {@link Throttled}
     * @param mdc         the MDC entries of the call (at least the connection's)
     */
    public Outcome run(LiveConnection target, ActionRequest request, String throttleKey, Duration maxSleep,
                       Map<String, String> mdc) {
        ConnectionBreaker.Open open = target.breaker().acquire();
        if (open != null) {
            return new Open(open.after(), open.reason());
        }
        long wait = target.throttle().reserve(throttleKey, nanoTime.getAsLong(), maxSleep.toNanos());
        if (wait > maxSleep.toNanos()) {
            target.breaker().release();
            return new Throttled(Duration.ofNanos(wait));
        }
        long started = nanoTime.getAsLong();
        ActionResult result = call(target, request, wait, mdc);
        target.breaker().record(result, Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - started)));
        return new Completed(result);
    }

    private ActionResult call(LiveConnection target, ActionRequest request, long wait, Map<String, String> mdc) {
        ActionResult result;
        try {
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            target.concurrency().acquire();
            try {
                result = calling(target.ref().id(), () -> PluginGuard.call(target.classLoader(), mdc,
                        target.delivery().timeout(), () -> target.instance().invoke(request)));
            } finally {
                target.concurrency().release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = ActionResult.retry("interrupted (hub shutting down)");
        } catch (PluginGuard.PluginCallException e) {
            result = ActionResult.retry(e.getMessage());
        } catch (RuntimeException e) {
            // an action answers with its outcome; an exception is a bug in the connector, retried within the budget
            LOG.error("connector {} threw from {} instead of answering an outcome", target.ref().connectorType(),
                    request.action(), e);
            result = ActionResult.retry("connector threw " + e);
        }
        return result != null ? result : ActionResult.retry("connector returned no result");
    }

    /**
     * Runs an action now on behalf of an admin or of an envelope being handled ({@code cause}, may be null), waiting
     * for the send rate up to the connection's timeout.
     *
     * @throws NotFoundException for an unknown connection or an action its connector does not offer
     * @throws ConflictException when the connection is not open
     */
    public ActionResult invoke(String connectionId, String action, JsonNode input, io.ponte.api.message.Envelope cause) {
        return invoke(connectionId, action, input, cause, null);
    }

    /**
     * As {@link #invoke(String, String, JsonNode, io.ponte.api.message.Envelope)}, with the idempotency key the
     * connector passes to its provider: an admin's {@code Idempotency-Key}, so the same request sent twice charges
     * or creates once. Null for a fresh key per call.
     */
    public ActionResult invoke(String connectionId, String action, JsonNode input, io.ponte.api.message.Envelope cause,
                               String idempotencyKey) {
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
        ActionRequest request = new ActionRequest(action, input, cause,
                idempotencyKey == null ? Ids.next("adm") : "adm:" + idempotencyKey, 1);
        return switch (run(conn, request, "admin|" + connectionId, conn.delivery().timeout(), conn.mdc())) {
            case Completed c -> c.result();
            case Throttled t -> ActionResult.retryAfter(t.delay(), "the connection's send rate limit is reached");
            case Open o -> ActionResult.retryAfter(o.after(), o.reason());
        };
    }

    /**
     * A tool call of {@code caller}'s connector: only another open connection of the caller's tenant, never the
     * caller itself nor one already on the call chain; every refusal and error is a failed result, never thrown.
     */
    public ActionResult invokeAsTool(ConnectionRef caller, String connectionId, String action, JsonNode input,
                                     io.ponte.api.message.Envelope cause) {
        if (caller.id().equals(connectionId)) {
            return ActionResult.failed("a connection cannot call its own actions as tools");
        }
        if (connections.live(connectionId).filter(c -> c.ref().tenant().equals(caller.tenant())).isEmpty()) {
            return ActionResult.failed("no open connection " + connectionId + " in this tenant");
        }
        String cycle = cycle(connectionId);
        if (cycle != null) {
            return ActionResult.failed(cycle);
        }
        try {
            return invoke(connectionId, action, input, cause);
        } catch (RuntimeException e) {
            return ActionResult.failed(e.getMessage());
        }
    }

    /** Runs {@code call} as the action of {@code connectionId}: tool calls made inside it see it on the chain. */
    private static <T> T calling(String connectionId, Supplier<T> call) {
        List<String> outer = CALLS.get();
        List<String> inner = new ArrayList<>(outer == null ? List.of() : outer);
        inner.add(connectionId);
        CALLS.set(List.copyOf(inner));
        try {
            return call.get();
        } finally {
            CALLS.set(outer);
        }
    }

    /** Why calling {@code connectionId} now would loop (it is already running below us), or null. */
    private static String cycle(String connectionId) {
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
}
