package io.ponte.hub;

import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.Content;
import io.ponte.hub.admin.ApiServer;
import io.ponte.hub.config.HubConfig;
import io.ponte.hub.connections.ConnectionService;
import io.ponte.hub.connections.ConnectorInstances;
import io.ponte.hub.connections.LiveConnections;
import io.ponte.hub.conversations.ConversationLog;
import io.ponte.hub.conversations.ConversationService;
import io.ponte.hub.ingress.OutboundMessages;
import io.ponte.hub.dispatch.DeliveryService;
import io.ponte.hub.dispatch.Dispatcher;
import io.ponte.hub.ingress.EventService;
import io.ponte.hub.ingress.Inbox;
import io.ponte.hub.ingress.Ingress;
import io.ponte.hub.ingress.Pollers;
import io.ponte.hub.media.MediaService;
import io.ponte.hub.observability.HubMetrics;
import io.ponte.hub.plugins.ConnectorRegistry;
import io.ponte.hub.plugins.PluginHost;
import io.ponte.hub.plugins.RegisteredConnector;
import io.ponte.hub.routing.RouteService;
import io.ponte.hub.routing.RouteTable;
import io.ponte.hub.routing.Router;
import io.ponte.hub.security.AdminAuth;
import io.ponte.hub.security.Http1Client;
import io.ponte.hub.security.MasterKey;
import io.ponte.hub.security.SecretBox;
import io.ponte.hub.storage.DataDir;
import io.ponte.hub.storage.Database;
import io.ponte.hub.storage.H2Housekeeping;
import io.ponte.hub.storage.Outbox;
import io.ponte.hub.storage.MediaStore;
import io.ponte.hub.storage.Retention;
import io.ponte.hub.storage.Stores;
import io.ponte.hub.tenants.TenantService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running hub: every part wired together, started in order and stopped in reverse. */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ApiServer server;
    private final io.ponte.hub.admin.ManagementServer management;
    private final Optional<String> generatedAdminToken;

    private Hub(HubConfig config, List<ConnectorFactory> builtIns, Clock clock, LongSupplier nanoTime) {
        HubMetrics metrics = new HubMetrics();
        DataDir.create(config.dataDir());
        DataDir.warnIfShared(config.dataDir());
        Database database = new Database(config);
        closeables.add(database);
        database.h2Housekeeping().ifPresent(h -> metrics.h2Store(h, H2Housekeeping::fileBytes,
                H2Housekeeping::liveRatio, H2Housekeeping::fileFillRatio, H2Housekeeping::chunks,
                H2Housekeeping::steps));
        try {
            Stores stores = new Stores(database.jdbi());
            io.ponte.hub.cluster.Cluster cluster = new io.ponte.hub.cluster.Cluster(stores.cluster(), nodeId(config),
                    clock);
            closeables.add(cluster);
            cluster.start();
            metrics.registry().gauge("ponte.cluster.nodes", cluster, c -> c.nodes());
            SecretBox secrets = new SecretBox(MasterKey.load(config));
            AdminAuth auth = AdminAuth.create(config.adminToken(), stores.settings());
            this.generatedAdminToken = auth.generatedToken();

            ConnectorRegistry registry = new ConnectorRegistry();
            for (ConnectorFactory f : builtIns) {
                ConnectorDescriptor d = f.descriptor();
                registry.register(new RegisteredConnector(f, d, "builtin", f.getClass().getClassLoader()));
            }
            PluginHost plugins = new PluginHost(config.pluginsDir(), registry);
            closeables.add(plugins);
            plugins.start();
            metrics.pluginClassLoaders(plugins.unloadedLoaders(), l -> l.unloaded(), l -> l.inMemory());

            io.ponte.hub.security.OutboundPolicy outbound = new io.ponte.hub.security.OutboundPolicy(
                    config.outboundPolicy(), config.outboundAllow());
            HttpClient jdkHttp = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            // HTTP/1.1 on the calling virtual thread costs about 0.25 ms less CPU per exchange than the JDK client
            // (BENCHMARKS.md); the JDK client still takes what it does not cover (HTTP/2 asked for, proxies...)
            HttpClient http = jdkHttp;
            if (config.outboundHttp1()) {
                Http1Client http1 = new Http1Client(jdkHttp);
                closeables.add(http1::close);
                metrics.outboundConnections(http1, Http1Client::openedConnections, Http1Client::idleConnections);
                http = http1;
            }
            io.ponte.hub.connections.SinkRelay toIngress = new io.ponte.hub.connections.SinkRelay();
            ConnectorInstances instances = new ConnectorInstances(secrets, outbound, http, stores.state(), clock,
                    metrics.registry(), config.publicUrl(), toIngress,
                    ref -> new io.ponte.hub.conversations.HubConversations(stores.conversations(), ref.tenant(), clock));
            LiveConnections live = new LiveConnections(stores.connections(), registry, instances,
                    config.defaultActionTimeout(), nanoTime, cluster::nodes);
            ConnectionService connections = new ConnectionService(stores.connections(), registry, live, instances,
                    clock, config.publicUrl(), config.defaultActionTimeout());
            RouteTable table = new RouteTable();
            RouteService routes = new RouteService(stores.routes(), table, live, clock);
            io.ponte.hub.contacts.ContactDirectory contactDirectory = new io.ponte.hub.contacts.ContactDirectory(
                    stores.contacts(), id -> connectorType(live, id),
                    type -> registry.get(type).map(r -> r.descriptor().category()
                            == io.ponte.api.connector.Category.CRM).orElse(false), clock);
            Dispatcher dispatcher = new Dispatcher(stores.outbox(), stores.events(), live, metrics, clock,
                    cluster.node(), config.dispatchConcurrency(), config.dispatchPollInterval(),
                    config.defaultActionTimeout(), new io.ponte.hub.contacts.CrmIds(contactDirectory),
                    config.dispatchLanes());
            // H2 file: answered from a journal, committed behind (a PostgreSQL commit is the durable point shared
            // by every node; an in-memory H2 keeps nothing to replay). What a crash left there is stored even when
            // the setting was turned off since.
            java.nio.file.Path journal = database.isH2() && !config.dbUrl().startsWith("jdbc:h2:mem:")
                    ? config.dataDir().resolve("journal") : null;
            Inbox inbox = new Inbox(stores.events(), config.ingestBatchSize(), dispatcher::stir, metrics::inboxCommit,
                    journal, config.ingestJournal(), config.ingestGather());
            metrics.inbox(inbox, Inbox::answeredFromJournal, Inbox::answeredAtCommit, i -> i.retrying() ? 1 : 0);
            // H2 has one store lock: two committing threads only queue for it, and each commit writes out every
            // page it touched. The inbox's writer commits the dispatcher's cycles (and the retention's queue rows)
            // with its own group commits.
            io.ponte.hub.storage.Alongside.Committer writes = stores.outbox()::commitAlone;
            if (database.isH2() && config.sharedWriter()) {
                writes = work -> {
                    if (inbox.running()) {
                        inbox.alongside(work);
                    } else {
                        stores.outbox().commitAlone(work);
                    }
                };
                dispatcher.commitThrough(writes);
            }
            Ingress ingress = new Ingress(live, new Router(table, config.maxHops()),
                    new ConversationLog(stores.conversations(), live::keepsHistory), inbox, stores.events(), clock,
                    metrics, contactDirectory);
            toIngress.connect(ingress);
            // Stop order (reverse of this list): HTTP first, then the inbox, the dispatcher, connections, plugins, db.
            closeables.add(live);
            closeables.add(dispatcher);
            closeables.add(inbox);

            Pollers pollers = new Pollers(live, ingress, stores.state(), cluster, clock);
            closeables.add(pollers);

            io.ponte.hub.plugins.PluginService pluginService = new io.ponte.hub.plugins.PluginService(plugins,
                    stores.plugins(), registry, config.dataDir(), clock, live::reopen,
                    config.pluginMaxBytes());
            pluginService.refresh();
            live.openAll();
            routes.reload();
            dispatcher.start();
            pollers.start();

            ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("maintenance").daemon(true).factory());
            closeables.add(maintenance::shutdownNow);
            maintenance.scheduleWithFixedDelay(() -> backlog(stores.outbox(), metrics, clock), 0, 5,
                    TimeUnit.SECONDS);
            maintenance.scheduleWithFixedDelay(() -> refresh(live, routes, pluginService), 10, 10,
                    TimeUnit.SECONDS);
            maintenance.scheduleWithFixedDelay(() -> breakers(live, metrics), 0, 5, TimeUnit.SECONDS);
            MediaStore media = MediaStore.open(config, stores.events());
            closeables.add(media);
            maintenance.scheduleWithFixedDelay(new Retention(stores, media, config.retention(), clock, writes), 1,
                    60, TimeUnit.MINUTES);

            io.ponte.hub.security.ApiKeys keys = new io.ponte.hub.security.ApiKeys(auth, stores.tenants(), clock);
            MediaService mediaService = new MediaService(stores.events(), live, media, config.mediaMaxBytes());
            ApiServer.Parts parts = new ApiServer.Parts(database, connections, live.calls(), routes, ingress, plugins,
                    registry, metrics, keys, io.ponte.hub.admin.HttpPolicy.from(config, cluster::nodes), mediaService,
                    pluginService,
                    new TenantService(stores.tenants(), connections, keys, media, clock),
                    new EventService(stores.events()), new DeliveryService(stores.outbox(), clock, dispatcher::wake),
                    new ConversationService(stores.conversations(), clock),
                    new OutboundMessages(live, stores.conversations(), ingress,
                            node -> io.ponte.hub.admin.RequestJson.bind(node, Content.class, "content")),
                    new io.ponte.hub.security.AuditLog(stores.audit(), clock),
                    new io.ponte.hub.reports.PaymentReports(stores.events(), clock),
                    new io.ponte.hub.contacts.ContactService(stores.contacts(), stores.conversations(),
                            contactDirectory, clock),
                    new io.ponte.hub.stream.ChangeFeed(new io.ponte.hub.storage.ChangeStore(database.jdbi()), clock,
                            inbox::oldestUncommitted),
                    new io.ponte.hub.reports.TrafficStats(new io.ponte.hub.storage.TrafficStore(database.jdbi()),
                            clock));
            this.server = new ApiServer(parts, config.httpHost(), config.httpPort()).start();
            closeables.add(server);
            this.management = config.managementPort().isPresent() ? new io.ponte.hub.admin.ManagementServer(parts,
                    config.managementHost(), config.managementPort().getAsInt()).start() : null;
            if (management != null) {
                closeables.add(management);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The connector type of a connection: the open one's, else the stored one's. */
    private static Optional<String> connectorType(LiveConnections live, String id) {
        Optional<String> open = live.live(id).map(l -> l.ref().connectorType());
        if (open.isPresent()) {
            return open;
        }
        try {
            return Optional.of(live.ref(id).connectorType());
        } catch (io.ponte.hub.errors.NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Starts a hub with the plugins found in the plugins dir. */
    public static Hub start(HubConfig config) {
        return start(config, List.of());
    }

    /** Starts a hub with extra connector types registered directly (tests, embedding). */
    public static Hub start(HubConfig config, List<ConnectorFactory> builtIns) {
        return start(config, builtIns, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * Starts a hub on other time than the system's (tests that move time on by hand).
     *
     * @param clock    the wall clock the hub stamps and schedules by (deliveries' next attempts, leases, history)
     * @param nanoTime the monotonic ticker send rates count in; it must move with {@code clock}
     */
    public static Hub start(HubConfig config, List<ConnectorFactory> builtIns, Clock clock, LongSupplier nanoTime) {
        return new Hub(config, builtIns, clock, nanoTime);
    }

    public int port() {
        return server.port();
    }

    /** The management listener's port, when {@code PONTE_MANAGEMENT_PORT} is set. */
    public OptionalInt managementPort() {
        return management == null ? OptionalInt.empty() : OptionalInt.of(management.port());
    }

    /** Every HTTP endpoint, {@code "METHOD /path"}. */
    public List<String> endpoints() {
        return server.endpoints();
    }

    /** The admin token generated on this first start, to print once. */
    public Optional<String> generatedAdminToken() {
        return generatedAdminToken;
    }

    private static void backlog(Outbox deliveries, HubMetrics metrics, Clock clock) {
        try {
            Outbox.Backlog b = deliveries.backlog();
            metrics.outbox(b.depth(), b.oldestCreatedAt() == null ? 0 : Math.max(0, clock.millis() - b.oldestCreatedAt()));
        } catch (RuntimeException e) {
            LOG.warn("cannot read the outbox backlog: {}", e.getMessage());
        }
    }

    private static void breakers(LiveConnections live, HubMetrics metrics) {
        try {
            metrics.breakers(live.liveConnections().stream().collect(java.util.stream.Collectors.toMap(
                    c -> c.ref().id(), c -> c.breaker().state(), (a, b) -> a)));
        } catch (RuntimeException e) {
            LOG.warn("cannot read the circuit breakers' states: {}", e.getMessage());
        }
    }

    private static void refresh(LiveConnections connections, RouteService routes,
                                io.ponte.hub.plugins.PluginService plugins) {
        try {
            plugins.refresh();
            connections.refresh();
            routes.refresh();
        } catch (RuntimeException e) {
            LOG.warn("refreshing connections and routes failed: {}", e.getMessage());
        }
    }

    /** A stable id for this node (kept in the data dir), so a restarted node takes back its own in-flight work. */
    private static String nodeId(HubConfig config) {
        Path file = config.dataDir().resolve("node-id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = "node_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", closeables.get(i), e);
            }
        }
        closeables.clear();
    }
}
