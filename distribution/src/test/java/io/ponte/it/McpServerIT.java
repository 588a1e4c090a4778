package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.ponte.hub.mcp.ToolCalls;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hub as an MCP server, driven by the official MCP Java SDK's own client over Streamable HTTP: a tenant's key sees
 * its connections' actions as tools and its conversations as resources, a call acts once however often it is resent,
 * a read key may look but not act, another tenant's key sees none of it, and a missing or wrong key gets the admin
 * API's 401.
 */
class McpServerIT {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private record Key(String id, String token) {
    }

    private static String tenant(TestHub hub, String name) {
        TestHub.Response t = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"" + name + "\"}"));
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        return t.json().get("id").asText();
    }

    private static Key key(TestHub hub, String tenant, String role) {
        TestHub.Response k = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"mcp\",\"role\":\"" + role
                + "\",\"tenant\":\"" + tenant + "\"}"));
        assertThat(k.status()).as(k.body()).isEqualTo(201);
        return new Key(k.json().get("id").asText(), k.json().get("token").asText());
    }

    /** A connection made by the operator for a tenant (so it may post to the local fake). */
    private static String connection(TestHub hub, String tenant, String name, String url) {
        TestHub.Response r = hub.post("/api/v1/connections", TestHub.parse("""
                {"connector":"http","name":"%s","tenant":"%s","config":{"url":"%s"}}""".formatted(name, tenant, url)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static McpSyncClient client(TestHub hub, String token, AtomicReference<List<McpSchema.Tool>> changed) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(hub.baseUrl())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("ponte-it", "1.0"));
        if (changed != null) {
            spec.toolsChangeConsumer(changed::set);
        }
        return spec.build();
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_outside_agent_sees_its_tenants_actions_and_conversations_and_a_call_acts_exactly_once(TestDatabase db)
            throws Exception {
        try (HttpSink customers = new HttpSink(); HttpSink othersCustomers = new HttpSink();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String tenantA = tenant(hub, "Loja A");
            String tenantB = tenant(hub, "Loja B");
            Key writer = key(hub, tenantA, "write");
            Key reader = key(hub, tenantA, "read");
            Key other = key(hub, tenantB, "write");
            String channel = connection(hub, tenantA, "site chat", customers.url("/chat"));
            String channelB = connection(hub, tenantB, "b chat", othersCustomers.url("/chat"));
            // a conversation of tenant A: a customer wrote in through A's channel
            assertThat(hub.hook(channel, "{\"id\":\"m1\",\"from\":\"5511999990001\",\"text\":\"onde está meu pedido?\"}")
                    .status()).isEqualTo(200);
            String conversation = hub.call(writer.token(), "GET", "/api/v1/conversations?connection=" + channel, null)
                    .json().get("items").get(0).get("id").asText();
            String tool = channel + "__message_send";
            String toolB = channelB + "__message_send";

            AtomicReference<List<McpSchema.Tool>> changed = new AtomicReference<>();
            try (McpSyncClient agent = client(hub, writer.token(), changed)) {
                McpSchema.InitializeResult init = agent.initialize();
                assertThat(init.serverInfo().name()).isEqualTo("ponte");
                assertThat(init.capabilities().tools()).isNotNull();
                assertThat(init.capabilities().resources()).isNotNull();

                // tools: the tenant's connection's action, with the action's description and JSON schema
                List<McpSchema.Tool> tools = agent.listTools().tools();
                assertThat(tools).extracting(McpSchema.Tool::name).containsExactly(tool);
                McpSchema.Tool send = tools.get(0);
                assertThat(send.description()).contains("POSTs a JSON message").contains("site chat");
                assertThat(send.inputSchema()).containsEntry("type", "object");
                assertThat(send.inputSchema().get("properties").toString()).contains("to").contains("text");

                // a call with the client's idempotency key, sent twice: the customer gets one message
                McpSchema.CallToolRequest call = McpSchema.CallToolRequest.builder(tool)
                        .arguments(Map.of("to", "5511999990001", "text", "Seu pedido saiu para entrega"))
                        .meta(Map.of(ToolCalls.IDEMPOTENCY_META, "reply-m1")).build();
                McpSchema.CallToolResult first = agent.callTool(call);
                assertThat(first.isError()).as(first.toString()).isFalse();
                assertThat(first.structuredContent().toString()).contains("outcome=delivered");
                McpSchema.CallToolResult again = agent.callTool(call);
                assertThat(again.isError()).isFalse();
                assertThat(again.structuredContent()).isEqualTo(first.structuredContent());
                assertThat(customers.count()).isEqualTo(1);
                assertThat(customers.received().get(0).json().get("text").asText())
                        .isEqualTo("Seu pedido saiu para entrega");
                // the same key for other arguments is refused, not sent
                McpSchema.CallToolResult reused = agent.callTool(McpSchema.CallToolRequest.builder(tool)
                        .arguments(Map.of("to", "5511999990001", "text", "outra coisa"))
                        .meta(Map.of(ToolCalls.IDEMPOTENCY_META, "reply-m1")).build());
                assertThat(reused.isError()).isTrue();
                assertThat(text(reused)).contains("different call");
                assertThat(customers.count()).isEqualTo(1);

                // resources: the tenant's conversation, with its history
                assertThat(agent.listResources().resources()).extracting(McpSchema.Resource::uri)
                        .containsExactly("ponte://conversations/" + conversation);
                assertThat(agent.listResourceTemplates().resourceTemplates())
                        .extracting(McpSchema.ResourceTemplate::uriTemplate)
                        .containsExactly("ponte://conversations/{id}");
                McpSchema.ReadResourceResult read = agent.readResource(
                        new McpSchema.ReadResourceRequest("ponte://conversations/" + conversation));
                JsonNode thread = TestHub.parse(((McpSchema.TextResourceContents) read.contents().get(0)).text());
                assertThat(thread.get("conversation").get("id").asText()).isEqualTo(conversation);
                assertThat(thread.get("conversation").get("address").asText()).isEqualTo("5511999990001");
                assertThat(thread.get("messages").get(0).toString()).contains("onde está meu pedido?");

                // another tenant's tool and conversation are as unknown as missing ones
                assertThatThrownBy(() -> agent.callTool(McpSchema.CallToolRequest.builder(toolB)
                        .arguments(Map.of("to", "1", "text", "x")).build()))
                        .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool");
                assertThat(othersCustomers.count()).isZero();

                // a new connection of the tenant: the session is told, and its next list has the new tool
                String crm = connection(hub, tenantA, "second chat", customers.url("/second"));
                TestHub.await("notifications/tools/list_changed", Duration.ofSeconds(30), () -> changed.get() != null
                        && changed.get().stream().anyMatch(t -> t.name().equals(crm + "__message_send")));
                assertThat(agent.listTools().tools()).extracting(McpSchema.Tool::name)
                        .containsExactlyInAnyOrder(tool, crm + "__message_send");
            }

            // the call is in the audit log under the key that made it
            JsonNode audit = hub.call(writer.token(), "GET", "/api/v1/audit?target=" + channel, null).json();
            assertThat(audit.get("items").toString()).contains("POST /mcp tools/call message.send")
                    .contains(writer.id()).as("the key reused for another call").contains("\"status\":422");

            // a read key lists and reads, but may not act
            try (McpSyncClient looker = client(hub, reader.token(), null)) {
                looker.initialize();
                assertThat(looker.listTools().tools()).extracting(McpSchema.Tool::name).contains(tool);
                assertThat(looker.readResource(new McpSchema.ReadResourceRequest("ponte://conversations/"
                        + conversation)).contents()).hasSize(1);
                McpSchema.CallToolResult refused = looker.callTool(McpSchema.CallToolRequest.builder(tool)
                        .arguments(Map.of("to", "5511999990001", "text", "x")).build());
                assertThat(refused.isError()).isTrue();
                assertThat(text(refused)).contains("read-only");
            }
            assertThat(customers.count()).isEqualTo(1);

            // tenant B's key: only B's tools; A's conversation is not found
            try (McpSyncClient stranger = client(hub, other.token(), null)) {
                stranger.initialize();
                assertThat(stranger.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly(toolB);
                assertThat(stranger.listResources().resources()).isEmpty();
                assertThatThrownBy(() -> stranger.readResource(new McpSchema.ReadResourceRequest(
                        "ponte://conversations/" + conversation))).isInstanceOf(McpError.class)
                        .hasMessageContaining("not found");
                assertThatThrownBy(() -> stranger.callTool(McpSchema.CallToolRequest.builder(tool)
                        .arguments(Map.of("to", "5511999990001", "text", "x")).build()))
                        .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool");
            }
            assertThat(customers.count()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_resent_request_acts_once_and_a_missing_or_wrong_key_gets_the_admin_apis_401(TestDatabase db) {
        try (HttpSink customers = new HttpSink();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String tenant = tenant(hub, "Loja C");
            Key writer = key(hub, tenant, "write");
            String channel = connection(hub, tenant, "chat", customers.url("/chat"));

            // the transport on the wire: initialize opens a session, answered as JSON
            TestHub.Response init = mcp(hub, writer.token(), null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                     "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""");
            assertThat(init.status()).as(init.body()).isEqualTo(200);
            assertThat(init.json().get("result").get("protocolVersion").asText()).isEqualTo("2025-06-18");
            String session = init.header("Mcp-Session-Id");
            assertThat(session).isNotBlank();
            assertThat(init.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(mcp(hub, writer.token(), session, """
                    {"jsonrpc":"2.0","method":"notifications/initialized"}""").status()).isEqualTo(202);

            // the same tools/call request sent twice (a client retrying after a lost answer): one message out
            String call = """
                    {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"%s__message_send",
                     "arguments":{"to":"5511999990002","text":"oi"}}}""".formatted(channel);
            TestHub.Response first = mcp(hub, writer.token(), session, call);
            TestHub.Response second = mcp(hub, writer.token(), session, call);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("Content-Type")).startsWith("text/event-stream");
            JsonNode one = sseData(first);
            assertThat(one.get("id").asInt()).isEqualTo(7);
            assertThat(one.get("result").get("isError").asBoolean()).isFalse();
            assertThat(sseData(second).get("result")).isEqualTo(one.get("result"));
            assertThat(customers.count()).isEqualTo(1);
            // a new request (another id) is a new call
            assertThat(sseData(mcp(hub, writer.token(), session, call.replace("\"id\":7", "\"id\":8")))
                    .get("result").get("isError").asBoolean()).isFalse();
            assertThat(customers.count()).isEqualTo(2);

            // the admin API's door: its per-key rate, its body limit, and pages of other origins turned away
            assertThat(init.header("RateLimit-Limit")).isEqualTo(hub.call(writer.token(), "GET",
                    "/api/v1/connections", null).header("RateLimit-Limit")).isNotNull();
            TestHub.Response big = mcp(hub, writer.token(), session, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\","
                    + "\"params\":{\"pad\":\"" + "x".repeat(1_100_000) + "\"}}");
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.json().get("type").asText()).isEqualTo("urn:ponte:problem:body-too-large");
            TestHub.Response foreign = hub.send(HttpRequest.newBuilder(hub.uri("/mcp"))
                    .header("Authorization", "Bearer " + writer.token()).header("Origin", "https://evil.example")
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}")));
            assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
            assertThat(customers.count()).isEqualTo(2);

            // no key, a wrong key: the admin API's 401 problem
            TestHub.Response api = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/connections")).GET());
            TestHub.Response none = hub.send(HttpRequest.newBuilder(hub.uri("/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
            TestHub.Response wrong = mcp(hub, "not-a-key", session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
            for (TestHub.Response r : List.of(none, wrong)) {
                assertThat(r.status()).as(r.body()).isEqualTo(401);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.json().get("type").asText()).isEqualTo(api.json().get("type").asText());
            }
            // the SDK's client with a wrong key cannot even initialize
            try (McpSyncClient intruder = client(hub, "not-a-key", null)) {
                assertThatThrownBy(intruder::initialize).isInstanceOf(RuntimeException.class);
            }
            assertThat(customers.count()).isEqualTo(2);
        }
    }

    private static TestHub.Response mcp(TestHub hub, String token, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.uri("/mcp"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        if (body.length() > 1_000_000) {
            // as curl does for a large upload: the refusal (413) arrives before the body is sent, instead of the
            // server closing a connection the client is still writing to (seen once: "received no bytes")
            b.expectContinue(true);
        }
        return hub.send(b);
    }

    /** The JSON-RPC message of an SSE answer (its {@code data:} line). */
    private static JsonNode sseData(TestHub.Response r) {
        return r.body().lines().filter(l -> l.startsWith("data:")).map(l -> TestHub.parse(l.substring(5).strip()))
                .findFirst().orElseThrow(() -> new AssertionError("no SSE data in " + r.body()));
    }
}
