package io.ponte.hub.connections;

import io.ponte.hub.storage.ConnectionRow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which connections of a tenant call which others synchronously (an agent's specialists and tools, as their
 * connectors' save-time checks named them), to refuse a config that would close a circle: agents handing one
 * message to each other would never answer.
 */
final class CallGraph {

    private final Map<String, Set<String>> calls = new HashMap<>();

    /** The graph of a tenant's stored connections. */
    CallGraph(List<ConnectionRow> rows, String tenant) {
        for (ConnectionRow r : rows) {
            if (r.tenantId().equals(tenant)) {
                calls.put(r.id(), r.callIds());
            }
        }
    }

    /**
     * A path from {@code connection} back to itself if it called {@code next}, or null when there is none.
     *
     * @return for example {@code [a, b, c, a]}
     */
    List<String> cycleIf(String connection, Set<String> next) {
        if (next.isEmpty()) {
            return null;
        }
        calls.put(connection, next);
        Deque<String> path = new ArrayDeque<>(List.of(connection));
        return reaches(connection, path, new HashSet<>()) ? List.copyOf(path) : null;
    }

    private boolean reaches(String goal, Deque<String> path, Set<String> seen) {
        for (String next : calls.getOrDefault(path.peekLast(), Set.of())) {
            path.addLast(next);
            if (next.equals(goal) || (seen.add(next) && reaches(goal, path, seen))) {
                return true;
            }
            path.removeLast();
        }
        return false;
    }
}
