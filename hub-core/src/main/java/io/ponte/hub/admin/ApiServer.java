package io.ponte.hub.admin;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JsonMapper;
import io.ponte.hub.connections.ActionCall;
import io.ponte.hub.connections.ConnectionService;
import io.ponte.hub.conversations.ConversationService;
import io.ponte.hub.ingress.OutboundMessages;
import io.ponte.hub.dispatch.DeliveryService;
import io.ponte.hub.ingress.EventService;
import io.ponte.hub.ingress.Ingress;
import io.ponte.hub.media.MediaService;
import io.ponte.hub.observability.HubMetrics;
import io.ponte.hub.plugins.ConnectorRegistry;
import io.ponte.hub.plugins.PluginHost;
import io.ponte.hub.plugins.PluginService;
import io.ponte.hub.routing.RouteService;
import io.ponte.hub.security.ApiKeys;
import io.ponte.hub.security.AuditLog;
import io.ponte.hub.security.Principal;
import io.ponte.hub.storage.Database;
import io.ponte.hub.tenants.TenantService;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.jetbrains.annotations.NotNull;

/** The one place the Javalin app is built: routes, auth, JSON, error mapping. Handlers are thin. */
public final class ApiServer implements AutoCloseable {

    /** What the server needs from the rest of the hub. */
    public record Parts(Database database, ConnectionService connections, ActionCall actions, RouteService routes,
                        Ingress ingress, PluginHost plugins, ConnectorRegistry registry, HubMetrics metrics,
                        ApiKeys keys, HttpPolicy http, MediaService media, PluginService pluginService,
                        TenantService tenants, EventService events, DeliveryService deliveries,
                        ConversationService conversations, OutboundMessages outbound, AuditLog audit,
                        io.ponte.hub.reports.PaymentReports reports,
                        io.ponte.hub.contacts.ContactService contacts,
                        io.ponte.hub.stream.ChangeFeed changes, io.ponte.hub.reports.TrafficStats stats) {
    }

    private final Javalin app;
    private final io.ponte.hub.mcp.HubMcpServer mcp;
    private final StreamController streams;

    public ApiServer(Parts parts, String host, int port) {
        this.mcp = mcpServer(parts);
        String openApi = resource("/openapi.json");
        String docsPage = resource("/docs/index.html");
        String docsScript = resource("/docs/openapi.js");
        this.streams = new StreamController(parts.changes(), parts.connections());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = parts.http().maxRequestBytes();
            config.jetty.multipartConfig.maxFileSize(parts.http().pluginMaxBytes(), io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(parts.http().pluginMaxBytes() + 65_536,
                    io.javalin.config.SizeUnit.BYTES);
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JacksonMapper());
            config.jetty.host = host;
            config.jetty.port = port;
            HttpPolicy http = parts.http();
            config.routes.before(http::securityHeaders);
            config.routes.before(ctx -> {
                if (!ctx.path().startsWith("/hooks/") && !ctx.path().startsWith("/health/")) {
                    parts.ingress().awaitStored(); // a read after a webhook's answer sees what it stored
                }
            });
            config.routes.before("/api/*", ctx -> {
                http.cors(ctx);
                if (ctx.method() == io.javalin.http.HandlerType.OPTIONS) {
                    return;
                }
                Principal who = admit(ctx, parts);
                if (!who.write() && ctx.method() != io.javalin.http.HandlerType.GET
                        && ctx.method() != io.javalin.http.HandlerType.HEAD) {
                    throw new ForbiddenException("this API key is read-only (role read)");
                }
                http.adminBody(ctx);
                Requests.checkQuery(ctx);
            });
            RouteTable routeTable = new RouteTable(this::router);
            routeTable.register(config);
            config.routes.options("/api/*", ctx -> http.preflight(ctx, routeTable.methods(ctx.path())));
            config.routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(docsPage));
            config.routes.get("/docs/openapi.js", ctx -> ctx.contentType("text/javascript; charset=utf-8")
                    .result(docsScript));
            new OperationsController(parts).register(config, ctx -> {
                admit(ctx, parts);
                Access.admin(ctx);
            });
            config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            new HooksController(parts.ingress(), http).register(config);
            new ConnectionsController(parts.connections(), parts.actions(), parts.tenants()).register(config);
            new RoutesController(parts.routes(), parts.tenants()).register(config);
            new TenantsController(parts.tenants()).register(config);
            new EventsController(parts.events(), parts.deliveries()).register(config);
            new PluginsController(parts.plugins(), parts.registry(), parts.pluginService(), http.pluginMaxBytes())
                    .register(config);
            new ConversationsController(parts.conversations(), parts.outbound()).register(config);
            new MediaController(parts.media()).register(config);
            new AuditController(parts.audit()).register(config);
            new ReportsController(parts.reports()).register(config);
            new McpController(mcp, http).register(config, ctx -> admit(ctx, parts));
            new ContactsController(parts.contacts(), parts.audit()).register(config);
            new ConsoleController(parts.tenants(), http).register(config);
            streams.register(config);
            new RouteTestController(parts.routes(), parts.tenants(), parts.events()).register(config);
            new StatsController(parts.stats()).register(config);
            Problems.register(config, http.maxRequestBytes());
            ProblemErrorHandler.install(config);
        });
    }

    public ApiServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every registered HTTP endpoint as {@code "METHOD /path"} (what the OpenAPI document must describe). */
    public java.util.List<String> endpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .filter(e -> !e.startsWith("BEFORE") && !e.startsWith("AFTER"))
                // CORS preflights answer for every admin path: machinery, not an operation of the API
                .filter(e -> !e.equals("OPTIONS /api/*") && !RouteTable.isMachinery(e))
                .sorted().toList();
    }

    /**
     * Authenticates the caller (a refused token spends its address's failure budget) and counts the request against
     * its key's rate; the caller is kept on the context for {@link Access}.
     */
    private static Principal admit(Context ctx, Parts parts) {
        Principal who;
        try {
            who = authenticate(ctx, parts.keys());
        } catch (UnauthorizedException e) {
            parts.http().failedAuthentication(ctx);
            throw e;
        }
        ctx.attribute(Access.ATTRIBUTE, who);
        parts.http().adminRate(ctx, who.keyId());
        return who;
    }

    private io.javalin.router.InternalRouter router() {
        return app.unsafe.internalRouter;
    }

    /** The caller: the bootstrap token or an API key that is neither revoked nor expired. */
    private static Principal authenticate(Context ctx, ApiKeys keys) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedException("send the admin token as 'Authorization: Bearer <token>' "
                    + "(PONTE_ADMIN_TOKEN, or the token printed at first start)");
        }
        return keys.authenticate(header.substring(7).trim()).orElseThrow(() -> new UnauthorizedException(
                "the bearer token is not valid (unknown, revoked or expired)"));
    }

    /** The MCP server ({@code /mcp}): the key's actions as tools, its tenant's conversations as resources. */
    private static io.ponte.hub.mcp.HubMcpServer mcpServer(Parts parts) {
        io.ponte.hub.mcp.ToolCatalog catalog = new io.ponte.hub.mcp.ToolCatalog(parts.connections(), parts.registry());
        io.ponte.hub.mcp.ToolCalls calls = new io.ponte.hub.mcp.ToolCalls(catalog, parts.actions(),
                new io.ponte.hub.storage.McpCallStore(parts.database().jdbi()), parts.audit(),
                java.time.Clock.systemUTC(), ConnectionsController.ActionOutcome::of,
                io.ponte.hub.mcp.HubMcpServer.sdkJson());
        io.ponte.hub.mcp.ConversationResources conversations = new io.ponte.hub.mcp.ConversationResources(
                parts.conversations(), ConversationsController.ConversationView::of,
                ConversationsController.MessageView::of);
        String version = ApiServer.class.getPackage().getImplementationVersion();
        return new io.ponte.hub.mcp.HubMcpServer(catalog, calls, conversations, version == null ? "dev" : version,
                (int) Math.min(Integer.MAX_VALUE, parts.http().maxRequestBytes()));
    }

    private static String resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                return "{}";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Javalin's JSON through the hub's one ObjectMapper. */
    static final class JacksonMapper implements JsonMapper {
        @NotNull
        @Override
        public String toJsonString(@NotNull Object obj, @NotNull Type type) {
            try {
                return HubJson.mapper().writeValueAsString(obj);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @NotNull
        @Override
        public <T> T fromJsonString(@NotNull String json, @NotNull Type type) {
            try {
                return HubJson.mapper().readValue(json, HubJson.mapper().constructType(type));
            } catch (JsonProcessingException e) {
                throw new MalformedRequestException(400, "malformed-json", "not valid JSON: " + e.getOriginalMessage());
            }
        }
    }

    @Override
    public void close() {
        mcp.close();
        streams.close();
        app.stop();
    }
}
