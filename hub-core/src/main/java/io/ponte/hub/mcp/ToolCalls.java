package io.ponte.hub.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.ponte.api.action.ActionResult;
import io.ponte.hub.connections.ActionCall;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.security.AuditLog;
import io.ponte.hub.security.Principal;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.McpCallStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool call: the action runs the one way actions run ({@link ActionCall}, as for {@code POST
 * /api/v1/connections/{id}/actions/{action}}: the connection's breaker, send rate, concurrency limit, timeout and
 * plugin guard), under the key's tenant and role, once per idempotency key, and audited with the key's id.
 *
 * <p>Once: the call is claimed in {@code mcp_calls} under its idempotency key before the action runs, and its result
 * stored after. The key is the client's {@code _meta} {@value #IDEMPOTENCY_META} when given, else the MCP session and
 * JSON-RPC id of the request (a client resending the same request). A call whose key is already known answers the
 * stored result, or, while the first run has not finished, an error saying so; only a run that ended in
 * {@code retry} (the action did not act: send rate, open breaker, transient failure) lets the key run again. The
 * provider gets the key too (connectors that support idempotency pass it on).
 *
 * <p>What the action did is the tool result: its outcome as structured content (the same JSON as the admin API's
 * answer) and as text; {@code isError} when it failed or must be retried later, or the call was refused (read-only key,
 * connection not open). An unknown tool, or one of a connection the key may not see, is a JSON-RPC error.
 */
public final class ToolCalls {

    /** The {@code _meta} entry where a client may name its own idempotency key. */
    public static final String IDEMPOTENCY_META = "io.ponte/idempotency-key";

    private static final Logger LOG = LoggerFactory.getLogger(ToolCalls.class);

    private final ToolCatalog catalog;
    private final ActionCall actions;
    private final McpCallStore calls;
    private final AuditLog audit;
    private final Clock clock;
    private final Function<ActionResult, Object> outcomeView;
    private final McpJsonMapper sdkJson;

    /** @param outcomeView how the admin API shows an action's outcome (the same JSON here) */
    public ToolCalls(ToolCatalog catalog, ActionCall actions, McpCallStore calls, AuditLog audit, Clock clock,
                     Function<ActionResult, Object> outcomeView, McpJsonMapper sdkJson) {
        this.catalog = catalog;
        this.actions = actions;
        this.calls = calls;
        this.audit = audit;
        this.clock = clock;
        this.outcomeView = outcomeView;
        this.sdkJson = sdkJson;
    }

    public McpSchema.CallToolResult call(McpCaller caller, McpSchema.CallToolRequest request) {
        Principal who = caller.who();
        ToolCatalog.Entry tool = catalog.find(who, request.name()).orElse(null);
        if (tool == null) {
            record(who, "?", null, 404);
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("Unknown tool: " + truncate(request.name(), 100)).build();
        }
        String connectionId = tool.connection().id();
        String action = tool.action().name();
        if (!who.write()) {
            record(who, action, connectionId, 403);
            return error("this API key is read-only (role read): it may list tools and read resources, not call "
                    + "tools");
        }
        String key = idempotencyKey(caller, request);
        String hash = ToolCatalog.sha256(request.name() + "\n" + canonical(request.arguments()));
        long now = clock.millis();
        String id = ToolCatalog.sha256(who.keyId() + "\n" + key);
        Optional<McpCallStore.Row> earlier = calls.claim(new McpCallStore.Row(id, tool.connection().tenant(),
                who.keyId(), connectionId, action, hash, McpCallStore.RUNNING, null, now, now));
        if (earlier.isPresent()) {
            McpCallStore.Row row = earlier.get();
            record(who, action, connectionId, !row.requestHash().equals(hash) ? 422 : row.result() == null ? 409 : 200);
            return answerOf(row, hash);
        }
        McpSchema.CallToolResult result;
        String status;
        try {
            ActionResult r = actions.invoke(connectionId, action, HubJson.mapper().valueToTree(
                    request.arguments() == null ? Map.of() : request.arguments()), null, id);
            result = result(r);
            status = switch (r) {
                case ActionResult.Delivered d -> "delivered";
                case ActionResult.Retry t -> McpCallStore.RETRY;
                case ActionResult.Failed f -> "failed";
            };
            record(who, action, connectionId, 200);
        } catch (NotFoundException | ConflictException e) {
            // the connection closed or lost the action since the list: nothing ran, the same call may come again
            result = error(e.getMessage());
            status = McpCallStore.RETRY;
            record(who, action, connectionId, e instanceof NotFoundException ? 404 : 409);
        } catch (RuntimeException e) {
            LOG.error("tool call {} failed", request.name(), e);
            calls.finish(id, McpCallStore.RETRY, null, clock.millis());
            throw e;
        }
        calls.finish(id, status, stored(result), clock.millis());
        return result;
    }

    /** The answer to a call whose key is known: its stored result, or why there is none (yet). */
    private McpSchema.CallToolResult answerOf(McpCallStore.Row row, String hash) {
        if (!row.requestHash().equals(hash)) {
            return error("this idempotency key was used for a different call (another tool or other arguments); "
                    + "use a new key for a new call");
        }
        if (row.result() == null) {
            return error("this call is already running (or the hub stopped before it recorded the outcome); it is "
                    + "not run twice: check its effect before calling again with a new idempotency key");
        }
        try {
            return sdkJson.readValue(row.result(), McpSchema.CallToolResult.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored tool result is not readable", e);
        }
    }

    private McpSchema.CallToolResult result(ActionResult r) {
        Object outcome = outcomeView.apply(r);
        String text = json(outcome);
        McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder()
                .structuredContent(HubJson.mapper().convertValue(outcome, Map.class));
        return switch (r) {
            case ActionResult.Delivered d -> b.addTextContent(text).isError(false).build();
            case ActionResult.Retry t -> b.addTextContent("not done, try again later: " + t.reason()
                    + (t.after() == null ? "" : " (after " + Math.max(1, t.after().toSeconds()) + " s)") + "\n"
                    + text).isError(true).build();
            case ActionResult.Failed f -> b.addTextContent("failed: " + f.reason() + "\n" + text).isError(true).build();
        };
    }

    private static McpSchema.CallToolResult error(String detail) {
        return McpSchema.CallToolResult.builder().content(List.of(new McpSchema.TextContent(detail))).isError(true)
                .build();
    }

    private static String idempotencyKey(McpCaller caller, McpSchema.CallToolRequest request) {
        Object given = request.meta() == null ? null : request.meta().get(IDEMPOTENCY_META);
        if (given != null) {
            String key = given.toString();
            if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("_meta." + IDEMPOTENCY_META
                        + " must be 1 to 200 printable ASCII characters without spaces").build();
            }
            return "meta:" + key;
        }
        if (caller.sessionId() != null && caller.requestId() != null) {
            return "request:" + caller.sessionId() + "\n" + caller.requestId();
        }
        return "fresh:" + Ids.next("mcp");
    }

    private void record(Principal who, String action, String connectionId, int status) {
        try {
            audit.record(who.keyId(), who.tenant(), "POST /mcp tools/call " + action, connectionId, status);
        } catch (RuntimeException e) {
            // as for the admin API: the call is done; losing its audit entry must be loud, not fatal
            LOG.error("could not write the audit entry of tools/call {} on {}: {}", action, connectionId,
                    e.getMessage());
        }
    }

    private static String canonical(Map<String, Object> arguments) {
        try {
            return HubJson.mapper().writer().with(com.fasterxml.jackson.databind.SerializationFeature
                    .ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(arguments == null ? Map.of() : arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private String stored(McpSchema.CallToolResult result) {
        try {
            return sdkJson.writeValueAsString(result);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return HubJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
