package io.ponte.hub.connections;

import io.ponte.api.connector.Connector;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.plugins.ConnectorRegistry;
import io.ponte.hub.plugins.PluginGuard;
import io.ponte.hub.plugins.RegisteredConnector;
import io.ponte.hub.storage.ConnectionRow;
import io.ponte.hub.storage.ConnectionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections open on this node: one connector instance per enabled connection whose type is installed, with
 * its delivery settings, concurrency limit and send throttle ({@link LiveConnection}), and for every other known
 * connection why it is not open. What the pipeline asks about connections (ingress, routing, dispatch, pollers,
 * media) it asks here; admins change connections through the {@link ConnectionService}, which reopens them here.
 *
 * <p>Thread-safe: lookups read concurrent maps; opening, refreshing and closing take one lock, so a refresh that
 * read the rows before an admin's change never reopens from the older row. Opening never
 * throws: a connector that fails to open leaves its connection {@code error} with the reason.
 */
public final class LiveConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConnections.class);

    private final ConnectionStore store;
    private final ConnectorRegistry registry;
    private final ConnectorInstances instances;
    private final Duration defaultTimeout;
    private final Map<String, LiveConnection> live = new ConcurrentHashMap<>();
    private final Map<String, NotOpen> problems = new ConcurrentHashMap<>();
    // connections whose conversation history is off (few): every other connection, known or not, keeps it
    private final Set<String> noHistory = ConcurrentHashMap.newKeySet();
    private final ActionCall calls;
    private final java.util.function.IntSupplier nodes;
    // one (re)opening at a time: a refresh that read the rows before an admin's update must not reopen the
    // connection from the older row after the update's own reopen (a lock, not a monitor: opening runs plugin code)
    private final java.util.concurrent.locks.ReentrantLock opening = new java.util.concurrent.locks.ReentrantLock();

    /** Why a known connection is not open: status for the API, detail for admins, and the row version it is about. */
    private record NotOpen(String status, String detail, long version) {
    }

    /** How a connection stands on this node: {@code active}, or why not and what to tell admins. */
    record Status(String status, String detail) {
    }

    /**
     * @param nanoTime the monotonic ticker the connections' send rates count in (see {@link ActionCall})
     * @param nodes    how many nodes share each connection's send rates now
     */
    public LiveConnections(ConnectionStore store, ConnectorRegistry registry, ConnectorInstances instances,
                           Duration defaultTimeout, LongSupplier nanoTime, java.util.function.IntSupplier nodes) {
        this.nodes = nodes;
        this.store = store;
        this.registry = registry;
        this.instances = instances;
        this.defaultTimeout = defaultTimeout;
        this.calls = new ActionCall(this, nanoTime);
    }

    /** Opens every stored connection; failures are recorded per connection, never thrown. */
    public void openAll() {
        opening.lock();
        try {
            for (ConnectionRow row : store.all()) {
                open(row);
            }
            LOG.info("connections: {} open, {} not open", live.size(), problems.size());
        } finally {
            opening.unlock();
        }
    }

    /** Reopens the connections of these connector types (their plugin was installed, upgraded or disabled). */
    public void reopen(Set<String> types) {
        opening.lock();
        try {
            if (types.isEmpty()) {
                return;
            }
            for (ConnectionRow row : store.all()) {
                if (types.contains(row.connector())) {
                    open(row);
                }
            }
        } finally {
            opening.unlock();
        }
    }

    /** Re-reads connections changed by another node (or deleted) and reopens them. */
    public void refresh() {
        opening.lock();
        try {
            List<ConnectionRow> rows = store.all();
            Set<String> ids = rows.stream().map(ConnectionRow::id).collect(Collectors.toSet());
            for (String id : List.copyOf(live.keySet())) {
                if (!ids.contains(id)) {
                    closeLive(id);
                }
            }
            problems.keySet().removeIf(id -> !ids.contains(id));
            noHistory.removeIf(id -> !ids.contains(id));
            for (ConnectionRow row : rows) {
                LiveConnection current = live.get(row.id());
                if (current == null ? !problems.containsKey(row.id()) || problemVersion(row.id()) != row.updatedAt()
                        : current.version() != row.updatedAt()) {
                    open(row);
                }
            }
        } finally {
            opening.unlock();
        }
    }

    private long problemVersion(String id) {
        NotOpen p = problems.get(id);
        return p == null ? -1 : p.version();
    }

    /** How actions of these connections run: the dispatcher's deliveries, admins' calls and agents' tool calls. */
    public ActionCall calls() {
        return calls;
    }

    /** Every open connection, at this moment. */
    public Collection<LiveConnection> liveConnections() {
        return List.copyOf(live.values());
    }

    /** The open instance of a connection, if it is open. */
    public Optional<LiveConnection> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** Why a known connection is not open, or empty when it is open or unknown. */
    public Optional<String> problem(String id) {
        return Optional.ofNullable(problems.get(id)).map(NotOpen::detail);
    }

    public boolean exists(String id) {
        return live.containsKey(id) || problems.containsKey(id) || store.get(id).isPresent();
    }

    /** The tenant of a connection (the open one's, else the stored one's), or empty when there is none. */
    public Optional<String> tenantOf(String id) {
        LiveConnection l = live.get(id);
        if (l != null) {
            return Optional.of(l.ref().tenant());
        }
        return store.get(id).map(ConnectionRow::tenantId);
    }

    /**
     * An action of a connection of {@code tenant}, open or not (a stored connection whose connector type is
     * installed), or empty: what a config being saved may name.
     */
    public Optional<io.ponte.api.action.ActionSpec> action(String tenant, String connectionId, String action) {
        LiveConnection l = live.get(connectionId);
        if (l != null) {
            return l.ref().tenant().equals(tenant) ? l.connector().descriptor().action(action) : Optional.empty();
        }
        return store.get(connectionId).filter(r -> r.tenantId().equals(tenant))
                .flatMap(r -> registry.get(r.connector())).flatMap(c -> c.descriptor().action(action));
    }

    /**
     * The identity of a stored connection, open or not.
     *
     * @throws NotFoundException when there is none
     */
    public ConnectionRef ref(String id) {
        return ConnectionRef.of(store.get(id).orElseThrow(() -> new NotFoundException("connection", id)));
    }

    /** How a connection stands on this node, for its view. */
    Status status(String id) {
        if (live.containsKey(id)) {
            return new Status("active", null);
        }
        NotOpen p = problems.get(id);
        return p == null ? new Status("error", "not open on this node") : new Status(p.status(), p.detail());
    }

    /**
     * Whether the hub keeps the conversation history of this connection's chat messages (as its row last read on
     * this node says; true for a connection it does not know).
     */
    public boolean keepsHistory(String id) {
        return !noHistory.contains(id);
    }

    /** (Re)opens a connection from its stored row: the one open before is closed first. */
    void open(ConnectionRow row) {
        opening.lock();
        try {
            closeLive(row.id());
            problems.remove(row.id());
            if (row.history()) {
                noHistory.remove(row.id());
            } else {
                noHistory.add(row.id());
            }
            if (!row.enabled()) {
                problems.put(row.id(), new NotOpen("disabled", "the connection is disabled", row.updatedAt()));
                return;
            }
            Optional<RegisteredConnector> connector = registry.get(row.connector());
            if (connector.isEmpty()) {
                problems.put(row.id(), new NotOpen("unavailable", "connector type '" + row.connector()
                        + "' is not installed", row.updatedAt()));
                return;
            }
            try {
                ConnectionRef ref = ConnectionRef.of(row);
                Connector instance = instances.open(row, connector.get(), new HubActions(this, ref, id -> { }));
                DeliverySettings delivery = DeliverySettings.parse(instances.codec().read(row.settings()), defaultTimeout,
                        new ArrayList<>());
                live.put(row.id(), new LiveConnection(ref, connector.get(), instance, delivery,
                        new Semaphore(delivery.maxConcurrency()), throttle(connector.get(), instance, delivery),
                        instances.breaker(row.id(), delivery.breaker()), row.updatedAt()));
            } catch (RuntimeException e) {
                LOG.error("connection {} ({}) cannot open: {}", row.id(), row.connector(), e.getMessage());
                problems.put(row.id(), new NotOpen("error", "cannot open: " + e.getMessage(), row.updatedAt()));
            }
        } finally {
            opening.unlock();
        }
    }

    /** Closes a connection that is gone (deleted) and forgets it. */
    void forget(String id) {
        opening.lock();
        try {
            closeLive(id);
            problems.remove(id);
            noHistory.remove(id);
        } finally {
            opening.unlock();
        }
    }

    private SendThrottle throttle(RegisteredConnector connector, Connector instance, DeliverySettings delivery) {
        List<io.ponte.api.connector.SendRate> declared = PluginGuard.call(connector.classLoader(), Map.of(),
                Duration.ofSeconds(5), instance::sendRates);
        return new SendThrottle(SendThrottle.effective(declared == null ? List.of() : declared, delivery.sendRates()),
                nodes);
    }

    private void closeLive(String id) {
        instances.health().forget(id);
        LiveConnection old = live.remove(id);
        if (old != null) {
            ConnectorInstances.close(old.connector(), old.instance());
        }
    }

    @Override
    public void close() {
        for (String id : List.copyOf(live.keySet())) {
            closeLive(id);
        }
    }
}
