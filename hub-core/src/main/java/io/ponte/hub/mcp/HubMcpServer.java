package io.ponte.hub.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.DefaultMcpStreamableServerSessionFactory;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.ponte.hub.json.HubJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;

/**
 * The MCP server: the SDK's Streamable HTTP transport ({@link HttpServletStreamableServerTransportProvider}: sessions,
 * JSON-RPC, SSE response streams) with the hub's own request handlers, which answer every request for the key that
 * sent it ({@link McpCaller} in the transport context): {@code tools/list} and {@code resources/list} are computed per
 * request, so they are always the key's tenant's current ones. (The SDK's {@code McpServer} keeps one static set of
 * tools for all sessions, which cannot express a tenant's own tools.)
 *
 * <p>Sessions that listed tools are told {@code notifications/tools/list_changed} when their list changes (see
 * {@link ToolWatch}).
 */
public final class HubMcpServer implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final HttpServletStreamableServerTransportProvider transport;
    private final ToolCatalog catalog;
    private final ToolCalls calls;
    private final ConversationResources conversations;
    private final ToolWatch watch;

    /**
     * @param version  the hub's version (the server's {@code serverInfo})
     * @param maxBytes the largest request body read (the admin API's limit)
     */
    public HubMcpServer(ToolCatalog catalog, ToolCalls calls, ConversationResources conversations, String version,
                        int maxBytes) {
        this.catalog = catalog;
        this.calls = calls;
        this.conversations = conversations;
        McpJsonMapper json = sdkJson();
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint("/mcp")
                // Origin is checked by the hub's HTTP policy before the request gets here; the bearer key is no
                // ambient credential a rebinding page could use
                .securityValidator(ServerTransportSecurityValidator.NOOP)
                .contextExtractor(HubMcpServer::context)
                .maxRequestSize(maxBytes)
                .build();
        this.watch = new ToolWatch(catalog, transport);
        McpSchema.ServerCapabilities capabilities = McpSchema.ServerCapabilities.builder().tools(true)
                .resources(false, false).build();
        McpSchema.Implementation info = new McpSchema.Implementation("ponte", "Ponte integration hub", version);
        String instructions = "Ponte, an integration hub: each tool is an action of one of your tenant's connections "
                + "(send a message, look up an order, create a charge, upsert a contact); resources are your "
                + "conversations (ponte://conversations/{id}).";
        List<String> versions = transport.protocolVersions();
        Map<String, McpRequestHandler<?>> requests = Map.of(
                McpSchema.METHOD_PING, (exchange, params) -> Mono.just(Map.of()),
                McpSchema.METHOD_TOOLS_LIST, handler(this::listTools),
                McpSchema.METHOD_TOOLS_CALL, handler((caller, params) -> calls.call(caller, json.convertValue(params,
                        new TypeRef<McpSchema.CallToolRequest>() { }))),
                McpSchema.METHOD_RESOURCES_LIST, handler((caller, params) -> conversations.list(caller.who())),
                McpSchema.METHOD_RESOURCES_TEMPLATES_LIST, handler((caller, params) -> conversations.templates()),
                McpSchema.METHOD_RESOURCES_READ, handler((caller, params) -> conversations.read(caller.who(),
                        json.convertValue(params, new TypeRef<McpSchema.ReadResourceRequest>() { }).uri())));
        Map<String, McpNotificationHandler> notifications = Map.of(
                McpSchema.METHOD_NOTIFICATION_INITIALIZED, (exchange, params) -> Mono.empty(),
                McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED, (exchange, params) -> Mono.empty());
        transport.setSessionFactory(new DefaultMcpStreamableServerSessionFactory(REQUEST_TIMEOUT,
                request -> Mono.just(new McpSchema.InitializeResult(
                        // the client's version when the SDK speaks it, else the newest the SDK speaks
                        versions.contains(request.protocolVersion()) ? request.protocolVersion()
                                : versions.get(versions.size() - 1),
                        capabilities, info, instructions)),
                requests, notifications));
    }

    /** The servlet that speaks the transport; the HTTP layer hands it requests already authenticated. */
    public HttpServlet servlet() {
        return transport;
    }

    /** Forgets what a session listed (it was deleted). */
    public void sessionClosed(String sessionId) {
        watch.forget(sessionId);
    }

    private McpSchema.ListToolsResult listTools(McpCaller caller, Object params) {
        List<ToolCatalog.Entry> entries = catalog.visibleTo(caller.who());
        if (caller.sessionId() != null) {
            watch.listed(caller.sessionId(), caller.who(), entries);
        }
        return new McpSchema.ListToolsResult(entries.stream().map(HubMcpServer::tool).toList(), null);
    }

    @SuppressWarnings("unchecked")
    static McpSchema.Tool tool(ToolCatalog.Entry e) {
        JsonNode schema = e.action().inputSchema();
        Map<String, Object> input = schema != null && schema.isObject() && "object".equals(schema.path("type").asText())
                ? HubJson.mapper().convertValue(schema, Map.class)
                : Map.of("type", "object", "additionalProperties", true);
        String on = "connection '" + e.connection().name() + "' (" + e.connector().descriptor().displayName() + ", "
                + e.connection().id() + ")";
        String description = e.action().description();
        return McpSchema.Tool.builder()
                .name(e.name())
                .title(e.action().name() + " on " + e.connection().name())
                .description((description == null || description.isBlank() ? e.action().name() : description.strip())
                        + " — on " + on + ".")
                .inputSchema(input)
                .build();
    }

    /** A request handler that runs {@code body} for the request's caller on the calling (virtual) thread. */
    private static <T> McpRequestHandler<T> handler(java.util.function.BiFunction<McpCaller, Object, T> body) {
        return (McpAsyncServerExchange exchange, Object params) -> Mono.fromCallable((Callable<T>) () -> {
            Object caller = exchange.transportContext().get(McpCaller.KEY);
            if (!(caller instanceof McpCaller c)) {
                throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("no authenticated caller").build();
            }
            return body.apply(c, params);
        });
    }

    private static McpTransportContext context(HttpServletRequest request) {
        Object caller = request.getAttribute(McpCaller.KEY);
        return caller == null ? McpTransportContext.EMPTY : McpTransportContext.create(Map.of(McpCaller.KEY, caller));
    }

    /** The SDK's own JSON mapper for its wire types (Jackson 2, as the hub). */
    public static McpJsonMapper sdkJson() {
        return McpJsonDefaults.getMapper();
    }

    @Override
    public void close() {
        watch.close();
        transport.closeGracefully().block(Duration.ofSeconds(5));
    }
}
