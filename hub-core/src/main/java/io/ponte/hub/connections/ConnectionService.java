package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.Connector;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException.FieldError;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.plugins.ConnectorRegistry;
import io.ponte.hub.plugins.PluginGuard;
import io.ponte.hub.plugins.RegisteredConnector;
import io.ponte.hub.storage.ConnectionRow;
import io.ponte.hub.storage.ConnectionStore;
import io.ponte.hub.storage.Ids;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The connection catalog, as admins change it: validation against the connector's schema and the connector's own
 * save-time checks (call cycles included), secrets encrypted at rest and masked on the way out, and the stored rows.
 * Every saved change is applied to the {@link LiveConnections} at once (other nodes pick it up on refresh).
 *
 * <p>Thread-safe (holds no state of its own). Failures are thrown as {@link ValidationException} (every bad field
 * at once), {@link NotFoundException} or {@link ConflictException}.
 */
public final class ConnectionService {

    private final ConnectionStore store;
    private final ConnectorRegistry registry;
    private final LiveConnections live;
    private final ConnectorInstances instances;
    private final ConnectionCodec codec;
    private final Clock clock;
    private final Optional<URI> publicUrl;
    private final Duration defaultTimeout;

    public ConnectionService(ConnectionStore store, ConnectorRegistry registry, LiveConnections live,
                             ConnectorInstances instances, Clock clock, Optional<URI> publicUrl,
                             Duration defaultTimeout) {
        this.store = store;
        this.registry = registry;
        this.live = live;
        this.instances = instances;
        this.codec = instances.codec();
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.defaultTimeout = defaultTimeout;
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
                request.enabled() == null || request.enabled(), now, now, tenantKey,
                request.history() == null || request.history());
        row = validate(row, connector);
        tryOpen(row, connector);
        store.insert(row);
        live.open(row);
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
                request.enabled() == null ? old.enabled() : request.enabled(), old.createdAt(), now, tenantKey,
                request.history() == null ? old.history() : request.history());
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
        live.open(row);
        return view(row);
    }

    public void delete(String id) {
        if (!store.delete(id)) {
            throw new NotFoundException("connection", id);
        }
        live.forget(id);
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
     * @throws ConflictException when the connection is not open (disabled, not installed, error)
     */
    public io.ponte.api.connector.Health test(String id) {
        LiveConnection conn = live.live(id).orElseThrow(() -> {
            if (store.get(id).isEmpty()) {
                return new NotFoundException("connection", id);
            }
            return new ConflictException("connection " + id + " is not open: "
                    + live.problem(id).orElse("not open on this node"));
        });
        io.ponte.api.connector.Health h;
        try {
            h = PluginGuard.call(conn.classLoader(), conn.mdc(), Duration.ofSeconds(30), () -> conn.instance().health());
            h = h != null ? h : io.ponte.api.connector.Health.down("the connector returned no health");
        } catch (RuntimeException e) {
            h = io.ponte.api.connector.Health.down("the health check failed: " + e.getMessage());
        }
        instances.health().report(id, h, "test");
        return h;
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
            instance = instances.open(row, connector, new HubActions(live, ConnectionRef.of(row), id -> { }));
        } catch (RuntimeException e) {
            throw new ValidationException("config", "the connector refused this config: " + e.getMessage());
        }
        ConnectorInstances.close(connector, instance);
    }

    /**
     * The connector's own checks of a config being saved ({@code ConnectorFactory.validate}), as field errors; the
     * other connections it named while checking become the row's calls, and a config whose calls would lead back to
     * this connection (a → b → a: agents handing a message to each other forever) is refused.
     *
     * @return the row with its calls
     */
    private ConnectionRow validate(ConnectionRow row, RegisteredConnector connector) {
        Set<String> named = new TreeSet<>();
        List<io.ponte.api.config.ConfigError> problems;
        try {
            problems = instances.validate(row, connector, new HubActions(live, ConnectionRef.of(row), named::add));
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

    private ConnectionView view(ConnectionRow row) {
        LiveConnections.Status status = live.status(row.id());
        String path = "/hooks/" + row.id();
        return new ConnectionView(row.id(), row.tenantId(), row.name(), row.connector(), codec.maskedConfig(row),
                (ObjectNode) codec.read(row.settings()), row.enabled(), row.history(), status.status(),
                status.detail(), path,
                publicUrl.map(u -> u.resolve(path).toString()).orElse(null),
                instances.health().of(row.id()).orElse(null),
                live.live(row.id()).map(l -> new ConnectionView.Breaker(l.breaker().state(), l.breaker().failureRate(),
                        l.breaker().calls())).orElse(null),
                Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.updatedAt()));
    }
}
