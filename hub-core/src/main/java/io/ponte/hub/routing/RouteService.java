package io.ponte.hub.routing;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.hub.connections.LiveConnections;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException.FieldError;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.plugins.RegisteredConnector;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.RouteRow;
import io.ponte.hub.storage.RouteStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes: validated (CEL compiles, templates compile, targets and actions exist), stored, compiled into the table. */
public final class RouteService {

    private static final Logger LOG = LoggerFactory.getLogger(RouteService.class);

    private final RouteStore store;
    private final RouteTable table;
    private final LiveConnections connections;
    private final Clock clock;
    private final ObjectMapper json = HubJson.mapper();

    public RouteService(RouteStore store, RouteTable table, LiveConnections connections, Clock clock) {
        this.store = store;
        this.table = table;
        this.connections = connections;
        this.clock = clock;
    }

    /** Creates a route of {@code tenant} (which the caller checked exists); its connections must be that tenant's. */
    public RouteView create(RouteRequest request, String tenant) {
        validate(request, tenant);
        long now = clock.millis();
        RouteRow row = new RouteRow(Ids.next("rte"), tenant, request.name(), priority(request),
                request.enabled() == null || request.enabled(), definition(request), now, now);
        store.insert(row);
        reload();
        return view(row);
    }

    public RouteView update(String id, RouteRequest request) {
        RouteRow old = store.get(id).orElseThrow(() -> new NotFoundException("route", id));
        if (request.tenant() != null && !request.tenant().equals(old.tenantId())) {
            throw new io.ponte.hub.errors.ValidationException("tenant", "a route cannot move to another tenant");
        }
        validate(request, old.tenantId());
        RouteRow row = new RouteRow(id, old.tenantId(), request.name(), priority(request),
                request.enabled() == null ? old.enabled() : request.enabled(), definition(request), old.createdAt(),
                clock.millis());
        if (!store.update(row)) {
            throw new NotFoundException("route", id);
        }
        reload();
        return view(row);
    }

    public void delete(String id) {
        if (!store.delete(id)) {
            throw new NotFoundException("route", id);
        }
        reload();
    }

    public RouteView get(String id) {
        return view(store.get(id).orElseThrow(() -> new NotFoundException("route", id)));
    }

    public List<RouteView> list() {
        return store.all().stream().map(this::view).toList();
    }

    /** The definition and tenant of a stored route, to {@link #test} it. */
    public RouteRequest definition(String id) {
        RouteRow row = store.get(id).orElseThrow(() -> new NotFoundException("route", id));
        RouteRequest def = parse(row.definition());
        return new RouteRequest(row.name(), row.priority(), row.enabled(), def.match(), def.actions(), row.tenantId());
    }

    /**
     * Runs a route on an envelope exactly as routing would (the same compiled condition and templates, the same
     * budgets), storing and delivering nothing. A condition or input that does not compile or fails is the trial's
     * {@code error}; anything else wrong with the route is a {@link ValidationException}.
     *
     * @param tenant the route's tenant: its connections must be that tenant's
     */
    public RouteTrial test(RouteRequest route, String tenant, io.ponte.api.message.Envelope envelope) {
        RouteRequest.Match m = route.match();
        if (m != null && m.condition() != null && !m.condition().isBlank()) {
            try {
                CelCondition.compile(m.condition());
            } catch (IllegalArgumentException e) {
                return new RouteTrial(false, null, RouteTrial.Error.of("condition", e));
            }
        }
        for (int i = 0; route.actions() != null && i < route.actions().size(); i++) {
            RouteRequest.Action a = route.actions().get(i);
            try {
                InputTemplate.compile(a == null ? null : a.input(), "actions[" + i + "].input");
            } catch (IllegalArgumentException e) {
                return new RouteTrial(false, null, RouteTrial.Error.of("input", e));
            }
        }
        validate(route.name() != null ? route : new RouteRequest("test", route.priority(), route.enabled(),
                route.match(), route.actions(), route.tenant()), tenant);
        CompiledRoute compiled = compile("test", tenant, route);
        if (!compiled.prefilter(envelope)) {
            return new RouteTrial(false, null, null);
        }
        try {
            List<Router.Plan> plans = Router.plans(compiled, EnvelopeContext.both(envelope),
                    EvaluationBudget.EnvelopeClock.startNow(), Router.orderBy(envelope));
            if (plans.isEmpty()) {
                return new RouteTrial(false, null, null);
            }
            List<RouteTrial.Action> inputs = new ArrayList<>();
            for (Router.Plan p : plans) {
                inputs.add(new RouteTrial.Action(p.target(), p.action(), json.readTree(p.input())));
            }
            return new RouteTrial(true, inputs, null);
        } catch (Router.Failure f) {
            return new RouteTrial(false, null, new RouteTrial.Error(f.field(), f.getMessage(), null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private volatile String loaded = "";

    /** Recompiles the routes if any changed since the last load (on this node or another). */
    public void refresh() {
        if (!store.fingerprint().equals(loaded)) {
            reload();
        }
    }

    /** Recompiles every enabled route from the database (also picks up changes made on other nodes). */
    public void reload() {
        loaded = store.fingerprint();
        List<CompiledRoute> compiled = new ArrayList<>();
        for (RouteRow row : store.all()) {
            if (!row.enabled()) {
                continue;
            }
            try {
                compiled.add(compile(row.id(), row.tenantId(), parse(row.definition())));
            } catch (RuntimeException e) {
                LOG.error("route {} cannot be compiled and is skipped: {}", row.id(), e.getMessage());
            }
        }
        table.replace(compiled);
    }

    private void validate(RouteRequest r, String tenant) {
        List<FieldError> errors = new ArrayList<>();
        if (r.match() != null && r.match().source() != null && !ownedBy(r.match().source(), tenant)) {
            errors.add(new FieldError("match.source", "no connection with id '" + r.match().source() + "'"));
        }
        if (r.name() == null || r.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (r.name().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (r.match() != null) {
            if (r.match().condition() != null && !r.match().condition().isBlank()) {
                try {
                    CelCondition.compile(r.match().condition());
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("match.condition", e.getMessage()));
                }
            }
        }
        if (r.actions() == null || r.actions().isEmpty()) {
            errors.add(new FieldError("actions", "at least one action is required"));
        } else if (r.actions().size() > 20) {
            errors.add(new FieldError("actions", "at most 20 actions per route"));
        } else {
            for (int i = 0; i < r.actions().size(); i++) {
                validateAction(r.actions().get(i), "actions[" + i + "]", tenant, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private void validateAction(RouteRequest.Action a, String path, String tenant, List<FieldError> errors) {
        if (a == null) {
            errors.add(new FieldError(path, "must be an object"));
            return;
        }
        boolean owned = a.target() != null && ownedBy(a.target(), tenant);
        if (a.target() == null) {
            errors.add(new FieldError(path + ".target", "is required (a connection id)"));
        } else if (!owned) {
            errors.add(new FieldError(path + ".target", "no connection with id '" + a.target() + "'"));
        }
        if (a.action() == null) {
            errors.add(new FieldError(path + ".action", "is required"));
        } else if (owned) {
            // only for the tenant's own connections: another tenant's connector type and actions stay unknown
            Optional<RegisteredConnector> connector = connections.live(a.target()).map(l -> l.connector());
            if (connector.isPresent() && connector.get().descriptor().action(a.action()).isEmpty()) {
                errors.add(new FieldError(path + ".action", "connector '" + connector.get().type()
                        + "' offers no action '" + a.action() + "'; it offers "
                        + connector.get().descriptor().actions().stream().map(s -> s.name()).toList()));
            }
        }
        try {
            InputTemplate.compile(a.input(), path + ".input");
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            int colon = msg.indexOf(": ");
            errors.add(new FieldError(colon > 0 ? msg.substring(0, colon) : path + ".input",
                    colon > 0 ? msg.substring(colon + 2) : msg));
        }
    }

    private CompiledRoute compile(String id, String tenant, RouteRequest def) {
        RouteRequest.Match m = def.match() == null ? new RouteRequest.Match(null, null, null) : def.match();
        CelCondition condition = m.condition() == null || m.condition().isBlank() ? null
                : CelCondition.compile(m.condition());
        List<CompiledRoute.CompiledAction> actions = new ArrayList<>();
        for (int i = 0; i < def.actions().size(); i++) {
            RouteRequest.Action a = def.actions().get(i);
            actions.add(new CompiledRoute.CompiledAction(a.target(), a.action(),
                    InputTemplate.compile(a.input(), "actions[" + i + "].input")));
        }
        return new CompiledRoute(id, tenant, m.source(), m.type(), condition, actions);
    }

    private static int priority(RouteRequest r) {
        return r.priority() == null ? 0 : r.priority();
    }

    private String definition(RouteRequest r) {
        try {
            return json.writeValueAsString(new RouteRequest(null, null, null, r.match(), r.actions(), null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the connection exists and belongs to the tenant (another tenant's is reported as missing). */
    private boolean ownedBy(String connectionId, String tenant) {
        return connections.exists(connectionId) && connections.ref(connectionId).tenant().equals(tenant);
    }

    private RouteRequest parse(String definition) {
        try {
            return json.readValue(definition, RouteRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt route definition", e);
        }
    }

    private RouteView view(RouteRow row) {
        RouteRequest def = parse(row.definition());
        return new RouteView(row.id(), row.tenantId(), row.name(), row.priority(), row.enabled(), def.match(),
                def.actions(), Instant.ofEpochMilli(row.createdAt()), Instant.ofEpochMilli(row.updatedAt()));
    }

}
