package io.ponte.hub.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.ponte.hub.security.Principal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells sessions that their tools changed ({@code notifications/tools/list_changed}, on the session's GET stream):
 * every {@link #PERIOD} the tools of each session that listed tools in the last {@link #IDLE} are computed again
 * (one read of the connections, once per key) and compared with what it listed. Connections change on any node, so a periodic look at the stored
 * connections is what sees them all. At most {@value #MAX_SESSIONS} sessions are watched.
 */
final class ToolWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ToolWatch.class);
    static final Duration PERIOD = Duration.ofSeconds(2);
    static final Duration IDLE = Duration.ofHours(24);
    static final int MAX_SESSIONS = 10_000;

    private record Listed(Principal who, String fingerprint, long at) {
    }

    private final ToolCatalog catalog;
    private final McpStreamableServerTransportProvider transport;
    private final Map<String, Listed> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mcp-tool-watch");
        t.setDaemon(true);
        return t;
    });

    ToolWatch(ToolCatalog catalog, McpStreamableServerTransportProvider transport) {
        this.catalog = catalog;
        this.transport = transport;
        timer.scheduleWithFixedDelay(this::check, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A session listed these tools. */
    void listed(String sessionId, Principal who, List<ToolCatalog.Entry> tools) {
        if (sessions.size() < MAX_SESSIONS || sessions.containsKey(sessionId)) {
            sessions.put(sessionId, new Listed(who, ToolCatalog.fingerprint(tools), System.nanoTime()));
        }
    }

    void forget(String sessionId) {
        sessions.remove(sessionId);
    }

    private void check() {
        try {
            long nanos = System.nanoTime();
            sessions.entrySet().removeIf(e -> nanos - e.getValue().at() > IDLE.toNanos());
            if (sessions.isEmpty()) {
                return;
            }
            java.util.function.Function<Principal, List<ToolCatalog.Entry>> now = catalog.snapshot();
            Map<Principal, String> current = new HashMap<>();
            for (Map.Entry<String, Listed> e : sessions.entrySet()) {
                Listed l = e.getValue();
                String tools = current.computeIfAbsent(l.who(), who -> ToolCatalog.fingerprint(now.apply(who)));
                if (!tools.equals(l.fingerprint())) {
                    sessions.replace(e.getKey(), l, new Listed(l.who(), tools, l.at()));
                    transport.notifyClient(e.getKey(), McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null)
                            .block(Duration.ofSeconds(5));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not check MCP sessions' tools for changes: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
