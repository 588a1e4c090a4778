package io.ponte.hub.mcp;

import io.ponte.api.action.ActionSpec;
import io.ponte.hub.connections.ConnectionService;
import io.ponte.hub.connections.ConnectionView;
import io.ponte.hub.plugins.ConnectorRegistry;
import io.ponte.hub.plugins.RegisteredConnector;
import io.ponte.hub.security.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tools an API key sees: one per action of each active connection of its tenant (every tenant's for an
 * admin-scope key), read fresh on every request, so a connection created, changed or deleted shows at once.
 *
 * <p>A tool's name is {@code <connectionId>__<action>} with every character outside {@code [A-Za-z0-9_-]} turned into
 * {@code _} (the strictest tool-name alphabet clients use), at most {@value #MAX_NAME} characters; a name that would be
 * longer, or that collides with another, is cut and suffixed with a hash of connection and action, so it stays the
 * same for as long as the connection offers the action.
 */
public final class ToolCatalog {

    static final int MAX_NAME = 64;

    private final ConnectionService connections;
    private final ConnectorRegistry registry;

    public ToolCatalog(ConnectionService connections, ConnectorRegistry registry) {
        this.connections = connections;
        this.registry = registry;
    }

    /** One tool: an action of a connection. */
    public record Entry(String name, ConnectionView connection, RegisteredConnector connector, ActionSpec action) {
    }

    /** The caller's tools, ordered by connection id, then by the connector's order of actions. */
    public List<Entry> visibleTo(Principal who) {
        return snapshot().apply(who);
    }

    /** The connections as they are now, read once, and each caller's tools among them. */
    java.util.function.Function<Principal, List<Entry>> snapshot() {
        List<ConnectionView> all = connections.list();
        return who -> entries(all.stream().filter(c -> who.sees(c.tenant())).toList());
    }

    /** The caller's tool of that name, or empty (also for a tool of a connection the caller may not see). */
    public Optional<Entry> find(Principal who, String name) {
        return name == null ? Optional.empty()
                : visibleTo(who).stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** A fingerprint of a list of tools: it changes when a tool comes, goes or changes its name or schema. */
    static String fingerprint(List<Entry> entries) {
        StringBuilder s = new StringBuilder();
        for (Entry e : entries) {
            s.append(e.name()).append('\n').append(e.connection().name()).append('\n').append(e.action()).append('\n');
        }
        return sha256(s.toString());
    }

    private List<Entry> entries(List<ConnectionView> visible) {
        List<Entry> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ConnectionView c : visible.stream().filter(c -> "active".equals(c.status()))
                .sorted(Comparator.comparing(ConnectionView::id)).toList()) {
            Optional<RegisteredConnector> connector = registry.get(c.connector());
            if (connector.isEmpty()) {
                continue;
            }
            for (ActionSpec action : connector.get().descriptor().actions()) {
                out.add(new Entry(name(c.id(), action.name(), taken), c, connector.get(), action));
            }
        }
        return out;
    }

    /** The tool name of an action of a connection, unique among {@code taken} (which it joins). */
    static String name(String connectionId, String action, Set<String> taken) {
        String plain = clean(connectionId) + "__" + clean(action);
        if (plain.length() <= MAX_NAME && taken.add(plain)) {
            return plain;
        }
        String suffix = "_" + sha256(connectionId + "\n" + action).substring(0, 8);
        String hashed = plain.substring(0, Math.min(plain.length(), MAX_NAME - suffix.length())) + suffix;
        taken.add(hashed);
        return hashed;
    }

    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            b.append((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-'
                    || ch == '_' ? ch : '_');
        }
        return b.toString();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
