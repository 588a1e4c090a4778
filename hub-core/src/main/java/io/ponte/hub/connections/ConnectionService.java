package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.connector.Connector;
import io.ponte.hub.dispatch.SendThrottle;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException.FieldError;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.plugins.ConnectorRegistry;
import io.ponte.hub.plugins.PluginGuard;
import io.ponte.hub.plugins.RegisteredConnector;
import io.ponte.hub.security.SecretBox;
import io.ponte.hub.storage.ConnectionRow;
import io.ponte.hub.storage.ConnectionStore;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.StateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections: validation against the connector's schema, secrets encrypted at rest, and the open instances the
 * pipeline uses. Opening is guarded: a connector that fails to open leaves its connection in status {@code error}.
 */
public final class ConnectionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);

    private final ConnectionStore store;
    private final StateStore state;
    private final ConnectorRegistry registry;
    private final HttpClient httpClient;
    private final HttpClient tenantHttpClient;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Optional<URI> publicUrl;
    private final Duration defaultTimeout;
    private final ConnectionCodec codec;
    private final Map<String, LiveConnection> live = new ConcurrentHashMap<>();
    private final Map<String, NotOpen> problems = new ConcurrentHashMap<>();
    private final Map<String, HealthReport> health = new ConcurrentHashMap<>();

    /** Why a known connection is not open: status for the API, detail for admins, and the row version it is about. */
    private record NotOpen(String status, String detail, long version) {
    }
    private volatile EnvelopeSink sink;
    private volatile java.util.function.Function<ConnectionRef, io.ponte.api.conversation.Conversations> conversations =
            ref -> null;

    /**
     * @param httpClient the hub's shared client (never following redirects); each connection gets it wrapped in
     *                   the outbound policy that applies to it
     */
    public ConnectionService(ConnectionStore store, StateStore state, ConnectorRegistry registry, SecretBox secrets,
                             HttpClient httpClient, Clock clock, MeterRegistry meters, Optional<URI> publicUrl,
                             Duration defaultTimeout, io.ponte.hub.security.OutboundPolicy outbound) {
        this.store = store;
        this.state = state;
        this.registry = registry;
        this.codec = new ConnectionCodec(secrets, outbound);
        this.httpClient = new io.ponte.hub.security.GuardedHttpClient(httpClient, outbound);
        this.tenantHttpClient = new io.ponte.hub.security.GuardedHttpClient(httpClient, outbound.forTenants());
        this.clock = clock;
        this.meters = meters;
        this.publicUrl = publicUrl;
        this.defaultTimeout = defaultTimeout;
    }

    /** How a connection's context reads its tenant's conversations (the store exists before this service). */
    public void conversations(java.util.function.Function<ConnectionRef, io.ponte.api.conversation.Conversations> f) {
        this.conversations = f;
    }

    /** Wires the pipeline in (ingress exists after this service). */
    public void sink(EnvelopeSink sink) {
        this.sink = sink;
    }

    /** Opens every enabled connection; failures are recorded per connection, never thrown. */
    /** Reopens the connections of these connector types (their plugin was installed, upgraded or disabled). */
    public void reopen(Set<String> types) {
        if (types.isEmpty()) {
            return;
        }
        for (ConnectionRow row : store.all()) {
            if (types.contains(row.connector())) {
                open(row);
            }
        }
    }

    public void openAll() {
        for (ConnectionRow row : store.all()) {
            open(row);
        }
        LOG.info("connections: {} open, {} not open", live.size(), problems.size());
    }

    /** Re-reads connections changed by another node (or deleted) and reopens them. */
    public void refresh() {
        List<ConnectionRow> rows = store.all();
        Set<String> ids = rows.stream().map(ConnectionRow::id).collect(Collectors.toSet());
        for (String id : List.copyOf(live.keySet())) {
            if (!ids.contains(id)) {
                closeLive(id);
            }
        }
        problems.keySet().removeIf(id -> !ids.contains(id));
        for (ConnectionRow row : rows) {
            LiveConnection current = live.get(row.id());
            if (current == null ? !problems.containsKey(row.id()) || problemVersion(row.id()) != row.updatedAt()
                    : current.version() != row.updatedAt()) {
                open(row);
            }
        }
    }

    private long problemVersion(String id) {
        NotOpen p = problems.get(id);
        return p == null ? -1 : p.version();
    }

    /**
     * Creates a connection of {@code tenant} (which the caller checked exists).
     *
     * @param tenantKey whether a tenant-scoped key asks: the connection may then only call public addresses
     */
    public ConnectionView create(ConnectionRequest request, String tenant, boolean tenantKey) {
        List<FieldError> errors = new ArrayList<>();
        RegisteredConnector connector = connectorFor(request, errors);
        String name = checkName(request.name(), errors);
        DeliverySettings delivery = DeliverySettings.parse(request.delivery(), defaultTimeout, errors);
        ObjectNode config = codec.validateConfig(connector, request.config(), null, tenantKey, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        long now = clock.millis();
        String id = Ids.next("con");
        ConnectionRow row = codec.toRow(id, tenant, name, connector, config, delivery,
                request.enabled() == null || request.enabled(), now, now, tenantKey);
        row = validate(row, connector);
        tryOpen(row, connector);
        store.insert(row);
        open(row);
        return view(row);
    }

    /**
     * Changes a connection; {@code tenantKey} as for {@link #create}. A connection a tenant key ever saved stays on
     * public addresses, whoever saves it later: an admin renaming it must not widen where it may call (the operator
     * opens a host for it with {@code PONTE_OUTBOUND_ALLOW}).
     */
    public ConnectionView update(String id, ConnectionRequest request, boolean tenantKey) {
        ConnectionRow found = store.get(id).orElseThrow(() -> new NotFoundException("connection", id));
        return update(found, request, tenantKey || found.tenantNetwork());
    }

    private ConnectionView update(ConnectionRow old, ConnectionRequest request, boolean tenantKey) {
        String id = old.id();
        List<FieldError> errors = new ArrayList<>();
        if (request.tenant() != null && !request.tenant().equals(old.tenantId())) {
            errors.add(new FieldError("tenant", "a connection cannot move to another tenant"));
        }
        if (request.connector() != null && !request.connector().equals(old.connector())) {
            errors.add(new FieldError("connector", "cannot be changed (was '" + old.connector()
                    + "'); create a new connection instead"));
        }
        RegisteredConnector connector = registry.get(old.connector()).orElse(null);
        if (connector == null) {
            errors.add(new FieldError("connector", "connector type '" + old.connector() + "' is not installed"));
        }
        String name = request.name() == null ? old.name() : checkName(request.name(), errors);
        // a PUT that leaves out config or delivery keeps them (so {"enabled":false} does not wipe secrets)
        DeliverySettings delivery = DeliverySettings.parse(
                request.delivery() != null ? request.delivery() : codec.read(old.settings()), defaultTimeout, errors);
        JsonNode requested = request.config() != null ? request.config() : codec.fullConfig(old);
        ObjectNode config = connector == null ? null
                : codec.validateConfig(connector, requested, old, tenantKey, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        long now = Math.max(clock.millis(), old.updatedAt() + 1);
        ConnectionRow row = codec.toRow(id, old.tenantId(), name, connector, config, delivery,
                request.enabled() == null ? old.enabled() : request.enabled(), old.createdAt(), now, tenantKey);
        if (!config.equals(connector.descriptor().config().withDefaults(codec.fullConfig(old)))) {
            // only a changed config is checked again: a rename or a pause never trips over a rule added later
            row = validate(row, connector);
        } else {
            row = row.withCalls(old.callIds());
        }
        tryOpen(row, connector);
        if (!store.update(row)) {
            throw new NotFoundException("connection", id);
        }
        open(row);
        return view(row);
    }

    public void delete(String id) {
        if (!store.delete(id)) {
            throw new NotFoundException("connection", id);
        }
        closeLive(id);
        problems.remove(id);
    }

    public ConnectionView get(String id) {
        return view(store.get(id).orElseThrow(() -> new NotFoundException("connection", id)));
    }

    public List<ConnectionView> list() {
        return store.all().stream().map(this::view).toList();
    }

    /**
     * Runs the connector's own health check against the provider.
     *
     * @throws NotFoundException for an unknown connection
     * @throws io.ponte.hub.errors.ConflictException when the connection is not open (disabled, not installed, error)
     */
    public io.ponte.api.connector.Health test(String id) {
        LiveConnection conn = live(id).orElseThrow(() -> {
            if (store.get(id).isEmpty()) {
                return new NotFoundException("connection", id);
            }
            return new io.ponte.hub.errors.ConflictException("connection " + id + " is not open: "
                    + problem(id).orElse("not open on this node"));
        });
        io.ponte.api.connector.Health h;
        try {
            h = PluginGuard.call(conn.classLoader(), conn.mdc(), Duration.ofSeconds(30), () -> conn.instance().health());
            h = h != null ? h : io.ponte.api.connector.Health.down("the connector returned no health");
        } catch (RuntimeException e) {
            h = io.ponte.api.connector.Health.down("the health check failed: " + e.getMessage());
        }
        reportHealth(id, h, "test");
        return h;
    }

    /** Keeps the latest health a connection reported (or a test found), shown on the connection. */
    void reportHealth(String id, io.ponte.api.connector.Health h, String source) {
        String status = h.status().wire();
        HealthReport previous = health.get(id);
        if (source.equals("connector") && previous != null && previous.status().equals(status)) {
            return; // a repeat: keep when it started
        }
        health.put(id, new HealthReport(status, h.detail(), source, Instant.ofEpochMilli(clock.millis())));
        if (h.status() != io.ponte.api.connector.Health.Status.UP
                && (previous == null || !previous.status().equals(status))) {
            LOG.warn("connection {} reports {}: {}", id, h.status(), h.detail());
        }
    }

    /** Every open connection, at this moment. */
    public java.util.Collection<LiveConnection> liveConnections() {
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

    /** The identity of a stored connection, open or not. */
    public ConnectionRef ref(String id) {
        ConnectionRow row = store.get(id).orElseThrow(() -> new NotFoundException("connection", id));
        return new ConnectionRef(row.id(), row.tenantId(), row.name(), row.connector());
    }

    private RegisteredConnector connectorFor(ConnectionRequest request, List<FieldError> errors) {
        if (request.connector() == null || request.connector().isBlank()) {
            errors.add(new FieldError("connector", "is required; see GET /api/v1/connectors for the installed types"));
            return null;
        }
        Optional<RegisteredConnector> c = registry.get(request.connector());
        if (c.isEmpty()) {
            errors.add(new FieldError("connector", "no installed connector type '" + request.connector()
                    + "'; installed: " + registry.all().stream().map(RegisteredConnector::type).sorted().toList()));
        }
        return c.orElse(null);
    }

    private static String checkName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        return name;
    }

    /** Opens an instance to check the config is usable, then closes it; a failure is a 400 on {@code config}. */
    private void tryOpen(ConnectionRow row, RegisteredConnector connector) {
        if (!row.enabled()) {
            return;
        }
        Connector instance;
        try {
            instance = openInstance(row, connector);
        } catch (RuntimeException e) {
            throw new ValidationException("config", "the connector refused this config: " + e.getMessage());
        }
        closeQuietly(connector, row, instance);
    }

    /**
     * The connector's own checks of a config being saved ({@code ConnectorFactory.validate}), as field errors; the
     * other connections it named while checking become the row's calls, and a config whose calls would lead back to
     * this connection (a → b → a: agents handing a message to each other forever) is refused.
     *
     * @return the row with its calls
     */
    private ConnectionRow validate(ConnectionRow row, RegisteredConnector connector) {
        ConnectionRef ref = new ConnectionRef(row.id(), row.tenantId(), row.name(), row.connector());
        Set<String> named = new java.util.TreeSet<>();
        HubConnectorContext context = context(row, connector, new HubActions(this, ref, named::add));
        List<io.ponte.api.config.ConfigError> problems;
        try {
            problems = PluginGuard.call(connector.classLoader(), Map.of("tenant", row.tenantId(),
                    "connection", row.id()), OPEN_TIMEOUT, () -> connector.factory().validate(context));
        } catch (RuntimeException e) {
            throw new ValidationException("config", "the connector could not check this config: " + e.getMessage());
        }
        if (problems != null && !problems.isEmpty()) {
            throw new ValidationException(problems.stream()
                    .map(p -> new FieldError("config." + p.field(), p.message())).toList());
        }
        List<String> cycle = new CallGraph(store.all(), row.tenantId()).cycleIf(row.id(), named);
        if (cycle != null) {
            throw new ValidationException("config", "would make a call cycle: " + String.join(" → ", cycle)
                    + " (connections that hand a message to each other would never answer); name another connection");
        }
        return row.withCalls(named);
    }

    private HubConnectorContext context(ConnectionRow row, RegisteredConnector connector) {
        ConnectionRef ref = new ConnectionRef(row.id(), row.tenantId(), row.name(), row.connector());
        return context(row, connector, new HubActions(this, ref, id -> { }));
    }

    private HubConnectorContext context(ConnectionRow row, RegisteredConnector connector, HubActions actions) {
        ObjectNode config = codec.fullConfig(row);
        ConnectionRef ref = new ConnectionRef(row.id(), row.tenantId(), row.name(), row.connector());
        return new HubConnectorContext(ref, new ConnectionConfig(connector.descriptor().config(), config),
                row.tenantNetwork() ? tenantHttpClient : httpClient, (src, drafts) -> sink.accept(src, drafts), state,
                clock, meters, publicUrl,
                h -> reportHealth(row.id(), h, "connector"), conversations.apply(ref), actions);
    }

    private Connector openInstance(ConnectionRow row, RegisteredConnector connector) {
        HubConnectorContext context = context(row, connector);
        Connector instance = PluginGuard.call(connector.classLoader(), Map.of("tenant", row.tenantId(),
                "connection", row.id()), OPEN_TIMEOUT, () -> connector.factory().open(context));
        if (instance == null) {
            throw new IllegalStateException(connector.type() + " returned no connector instance");
        }
        return instance;
    }

    private void open(ConnectionRow row) {
        closeLive(row.id());
        problems.remove(row.id());
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
            Connector instance = openInstance(row, connector.get());
            DeliverySettings delivery = DeliverySettings.parse(codec.read(row.settings()), defaultTimeout,
                    new ArrayList<>());
            ConnectionRef ref = new ConnectionRef(row.id(), row.tenantId(), row.name(), row.connector());
            live.put(row.id(), new LiveConnection(ref, connector.get(), instance, delivery,
                    new Semaphore(delivery.maxConcurrency()), throttle(connector.get(), instance, delivery),
                    row.updatedAt()));
        } catch (RuntimeException e) {
            LOG.error("connection {} ({}) cannot open: {}", row.id(), row.connector(), e.getMessage());
            problems.put(row.id(), new NotOpen("error", "cannot open: " + e.getMessage(), row.updatedAt()));
        }
    }

    private static SendThrottle throttle(RegisteredConnector connector, Connector instance, DeliverySettings delivery) {
        List<io.ponte.api.connector.SendRate> declared = PluginGuard.call(connector.classLoader(), Map.of(),
                Duration.ofSeconds(5), instance::sendRates);
        return new SendThrottle(SendThrottle.effective(declared == null ? List.of() : declared, delivery.sendRates()));
    }

    private void closeLive(String id) {
        health.remove(id);
        LiveConnection old = live.remove(id);
        if (old != null) {
            closeQuietly(old.connector(), null, old.instance());
        }
    }

    private static void closeQuietly(RegisteredConnector connector, ConnectionRow row, Connector instance) {
        try {
            PluginGuard.call(connector.classLoader(), Map.of(), Duration.ofSeconds(10), () -> {
                instance.close();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("closing a {} connector failed: {}", connector.type(), e.getMessage());
        }
    }

    private ConnectionView view(ConnectionRow row) {
        ObjectNode config = codec.maskedConfig(row);
        String status;
        String detail = null;
        if (live.containsKey(row.id())) {
            status = "active";
        } else {
            NotOpen p = problems.get(row.id());
            status = p == null ? "error" : p.status();
            detail = p == null ? "not open on this node" : p.detail();
        }
        String path = "/hooks/" + row.id();
        return new ConnectionView(row.id(), row.tenantId(), row.name(), row.connector(), config,
                (ObjectNode) codec.read(row.settings()), row.enabled(), status, detail, path,
                publicUrl.map(u -> u.resolve(path).toString()).orElse(null),
                health.get(row.id()), Instant.ofEpochMilli(row.createdAt()), Instant.ofEpochMilli(row.updatedAt()));
    }

    @Override
    public void close() {
        for (String id : List.copyOf(live.keySet())) {
            closeLive(id);
        }
    }
}
