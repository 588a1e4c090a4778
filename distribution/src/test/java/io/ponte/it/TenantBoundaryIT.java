package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data plane's tenant boundary, tried as a hostile tenant would on the real distribution: what a webhook, a key
 * or a saved connection names is checked against its tenant; one tenant's bad request never fails another's; two
 * connections feeding each other stop at the hop limit.
 */
class TenantBoundaryIT {

    private static final String SECRET = "a-secret-that-is-long-enough-for-the-hub-0123";

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static TestHub start(TestDatabase db) {
        return TestHub.builder().database(db).pluginsDir(Distribution.plugins()).env("PONTE_MAX_HOPS", "5").start();
    }

    private static TestHub.Response call(TestHub hub, String token, String method, String path, String body) {
        return hub.call(token, method, path, body);
    }

    private record Tenant(String id, String token) {
    }

    /** A new tenant and a write key limited to it. */
    private static Tenant tenant(TestHub hub, String name) {
        TestHub.Response t = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"" + name + "\"}"));
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        String id = t.json().get("id").asText();
        TestHub.Response k = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"k\",\"role\":\"write\",\"tenant\":\""
                + id + "\"}"));
        assertThat(k.status()).as(k.body()).isEqualTo(201);
        return new Tenant(id, k.json().get("token").asText());
    }

    private static String create(TestHub hub, String token, String body) {
        TestHub.Response r = call(hub, token, "POST", "/api/v1/connections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_tenant_cannot_send_through_another_tenants_connection_by_naming_its_conversation(TestDatabase db) {
        try (HttpSink customersOfB = new HttpSink(); TestHub hub = start(db)) {
            // tenant B's channel: made by the operator for B (so it may call the local sink)
            String tenantB = tenant(hub, "Loja B").id();
            TestHub.Response b = hub.post("/api/v1/connections", TestHub.parse("""
                    {"connector":"http","name":"b channel","tenant":"%s","config":{"url":"%s"}}"""
                    .formatted(tenantB, customersOfB.url("/b"))));
            assertThat(b.status()).as(b.body()).isEqualTo(201);
            String channelB = b.json().get("id").asText();

            // tenant A: its own webhook, and a message.outbound naming B's conversation
            String tokenA = tenant(hub, "Loja A").token();
            String inA = create(hub, tokenA, "{\"connector\":\"http\",\"name\":\"a in\",\"config\":{}}");
            String attack = """
                    {"type":"message.outbound","id":"x1","conversation":"%s:5511999990001","text":"pay here: evil.example"}"""
                    .formatted(channelB);
            TestHub.Response r = hub.hook(inA, attack);

            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).contains("conversation").contains("not a connection of this tenant");
            assertThat(hub.events("connection=" + inA)).as("nothing stored for A").isEmpty();
            assertThat(hub.deliveries("connection=" + channelB)).as("nothing to send through B").isEmpty();
            assertThat(hub.get("/api/v1/conversations?connection=" + channelB).json().get("items")).isEmpty();

            // the same through the admin API: B's connection is as unknown to A as a missing one
            TestHub.Response api = call(hub, tokenA, "POST", "/api/v1/messages",
                    "{\"connection\":\"" + channelB + "\",\"to\":\"5511999990001\",\"text\":\"x\"}");
            assertThat(api.status()).as(api.body()).isEqualTo(404);

            // a conversation of A's own connection still works, and nothing ever reached B's customers
            TestHub.Response own = hub.hook(inA, attack.replace(channelB, inA).replace("x1", "x2"));
            assertThat(own.status()).as(own.body()).isEqualTo(200);
            assertThat(customersOfB.count()).isZero();
            assertThat(hub.get("/health/ready").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void one_request_with_a_value_too_long_fails_alone_and_every_valid_webhook_sent_with_it_is_stored(TestDatabase db)
            throws Exception {
        try (TestHub hub = start(db)) {
            String in = hub.createConnection("http", "in", Map.of());
            String longFrom = "5".repeat(5_000);
            String longTo = "9".repeat(10_000);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<TestHub.Response>> valid = new ArrayList<>();
                List<Future<TestHub.Response>> bad = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    int n = i;
                    valid.add(pool.submit(() -> hub.hook(in, "{\"id\":\"ok" + n + "\",\"from\":\"55119" + n
                            + "\",\"text\":\"oi\"}")));
                    if (i % 6 == 0) {
                        bad.add(pool.submit(() -> hub.hook(in, "{\"id\":\"bad" + n + "\",\"from\":\"" + longFrom
                                + "\",\"text\":\"oi\"}")));
                        bad.add(pool.submit(() -> hub.post("/api/v1/messages", TestHub.parse("{\"connection\":\""
                                + in + "\",\"to\":\"" + longTo + "\",\"text\":\"x\"}"))));
                    }
                }
                for (Future<TestHub.Response> f : valid) {
                    TestHub.Response r = f.get();
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                }
                for (Future<TestHub.Response> f : bad) {
                    TestHub.Response r = f.get();
                    assertThat(r.status()).as(r.body()).isEqualTo(400);
                    assertThat(r.body()).containsAnyOf("\"from\"", "from", "\"to\"").contains("characters");
                }
            } finally {
                pool.shutdownNow();
            }
            List<JsonNode> stored = hub.events("connection=" + in);
            assertThat(stored).hasSize(60);
            assertThat(stored).allSatisfy(e -> assertThat(e.get("externalId").asText()).startsWith("ok"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void two_connections_that_feed_each_other_stop_at_the_hop_limit(TestDatabase db) {
        try (TestHub hub = start(db)) {
            String a = hub.createConnection("http", "a", Map.of());
            String b = hub.createConnection("http", "b", Map.of());
            String toB = hub.createConnection("http", "to b", Map.of("url", hub.baseUrl() + "/hooks/" + b));
            String toA = hub.createConnection("http", "to a", Map.of("url", hub.baseUrl() + "/hooks/" + a));
            for (String[] leg : new String[][]{{a, toB}, {b, toA}}) {
                hub.createRoute("""
                        {"name":"relay","match":{"source":"%s","type":"message.inbound"},
                         "actions":[{"target":"%s","action":"message.send",
                                     "input":{"id":"{{id}}","from":"{{payload.from.address}}","text":"{{payload.content.text}}"}}]}"""
                        .formatted(leg[0], leg[1]));
            }
            assertThat(hub.hook(a, "{\"id\":\"m1\",\"from\":\"5511\",\"text\":\"ping\"}").status()).isEqualTo(200);

            // hops 0..5: three events on a, three on b; the sixth hop's delivery is stored dead, never sent
            TestHub.await("the loop to stop at the limit", Duration.ofSeconds(20), () ->
                    hub.deliveries("status=dead").stream().anyMatch(d -> d.path("lastError").asText()
                            .contains("hop limit")));
            TestHub.await("the in-flight hops to settle", Duration.ofSeconds(10), () ->
                    hub.deliveries("status=pending").isEmpty() && hub.deliveries("status=inflight").isEmpty());
            int events = hub.events("connection=" + a).size() + hub.events("connection=" + b).size();
            assertThat(events).isEqualTo(6);
            List<JsonNode> dead = hub.deliveries("status=dead");
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).get("lastError").asText()).contains("PONTE_MAX_HOPS").contains("loop");
            assertThat(hub.deliveries("status=delivered")).hasSize(5);
            assertThat(hub.get("/metrics").body()).contains("ponte_routing_hop_limit_total");
        }
    }

    @Test
    void a_send_the_outbound_policy_denies_fails_at_once_instead_of_retrying_for_a_day() {
        try (HttpSink sink = new HttpSink(); TestHub hub = start(TestDatabase.h2())) {
            String in = hub.createConnection("http", "in", Map.of());
            String out = hub.createConnection("http", "out", Map.of("url", sink.url("/x")));
            hub.createRoute("""
                    {"name":"fwd","match":{"source":"%s"},
                     "actions":[{"target":"%s","action":"message.send","input":{"text":"{{payload.content.text}}"}}]}"""
                    .formatted(in, out));
            // the operator tightens the policy: the loopback sink saved earlier is no longer allowed
            hub.restartWith("PONTE_OUTBOUND_POLICY", "strict");
            assertThat(hub.hook(in, "{\"id\":\"m1\",\"from\":\"5511\",\"text\":\"oi\"}").status()).isEqualTo(200);

            TestHub.await("the delivery to end", Duration.ofSeconds(10),
                    () -> hub.deliveries("connection=" + out + "&status=dead").size() == 1);
            JsonNode dead = hub.deliveries("connection=" + out).get(0);
            assertThat(dead.get("attempts").asInt()).isEqualTo(1);
            assertThat(dead.get("lastError").asText()).contains("denied by the outbound policy").contains("strict");
            assertThat(sink.count()).isZero();
        }
    }

    @Test
    void an_admin_saving_a_tenants_connection_does_not_widen_where_it_may_call() {
        try (HttpSink sink = new HttpSink(); TestHub hub = start(TestDatabase.h2())) {
            String token = tenant(hub, "Loja D").token();
            String out = create(hub, token, "{\"connector\":\"http\",\"name\":\"out\",\"config\":{\"url\":"
                    + "\"https://crm.example.invalid/hook\"}}");
            assertThat(hub.put("/api/v1/connections/" + out, TestHub.parse("{\"name\":\"renamed by the operator\"}"))
                    .status()).isEqualTo(200);
            TestHub.Response inward = hub.put("/api/v1/connections/" + out, TestHub.parse(
                    "{\"config\":{\"url\":\"" + sink.url("/x") + "\"}}"));
            assertThat(inward.status()).as(inward.body()).isEqualTo(400);
            assertThat(inward.body()).contains("config.url").contains("not allowed");
            assertThat(hub.get("/api/v1/connections/" + out).json().at("/config/url").asText())
                    .isEqualTo("https://crm.example.invalid/hook");
        }
    }

    @Test
    void a_changed_url_requires_the_secrets_again_and_tenant_connections_may_call_only_public_addresses() {
        try (HttpSink sink = new HttpSink(); TestHub hub = start(TestDatabase.h2())) {
            String token = tenant(hub, "Loja C").token();
            // a tenant's connection may not call the loopback, private or special addresses, however written
            for (String url : List.of(sink.url("/x"), "http://localhost:9/x", "http://10.0.0.8/x",
                    "http://[::ffff:127.0.0.1]/x", "http://[64:ff9b::7f00:1]/x", "http://[fd00::1]/x",
                    "http://100.64.0.1/x", "http://169.254.169.254/latest/meta-data")) {
                TestHub.Response r = call(hub, token, "POST", "/api/v1/connections",
                        "{\"connector\":\"http\",\"name\":\"out\",\"config\":{\"url\":\"" + url + "\"}}");
                assertThat(r.status()).as(url + " " + r.body()).isEqualTo(400);
                assertThat(r.body()).contains("config.url").contains("not allowed");
            }
            // the operator's own connections keep the default policy (loopback allowed, metadata not)
            String out = hub.createConnection("http", "out", Map.of("url", sink.url("/x"), "secret", SECRET));

            // moving it while keeping the stored secret with the mask is refused, naming the secret
            TestHub.Response moved = hub.put("/api/v1/connections/" + out, TestHub.parse(
                    "{\"config\":{\"url\":\"" + sink.url("/elsewhere") + "\",\"secret\":\"***\"}}"));
            assertThat(moved.status()).as(moved.body()).isEqualTo(400);
            assertThat(moved.body()).contains("config.secret").contains("config.url").contains("sent again");
            assertThat(hub.get("/api/v1/connections/" + out).json().at("/config/url").asText()).endsWith("/x");

            // other changes keep it with the mask; a move with the secret sent again is fine
            assertThat(hub.put("/api/v1/connections/" + out, TestHub.parse(
                    "{\"name\":\"renamed\",\"config\":{\"url\":\"" + sink.url("/x") + "\",\"secret\":\"***\"}}"))
                    .status()).isEqualTo(200);
            assertThat(hub.put("/api/v1/connections/" + out, TestHub.parse(
                    "{\"config\":{\"url\":\"" + sink.url("/elsewhere") + "\",\"secret\":\"" + SECRET + "\"}}"))
                    .status()).isEqualTo(200);

            // the mask is no secret: a new connection cannot be created with it
            TestHub.Response masked = hub.post("/api/v1/connections", TestHub.parse(
                    "{\"connector\":\"http\",\"name\":\"m\",\"config\":{\"secret\":\"***\"}}"));
            assertThat(masked.status()).as(masked.body()).isEqualTo(400);
            assertThat(masked.body()).contains("config.secret");
        }
    }
}
