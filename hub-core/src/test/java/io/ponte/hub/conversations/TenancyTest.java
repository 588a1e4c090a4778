package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenants and scoped keys over HTTP: a tenant key sees and touches only its tenant; another tenant's object answers
 * 404 exactly as a missing one; read keys only read; revoked and expired keys are refused with 401.
 */
class TenancyTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static TestHub.Response call(TestHub hub, String token, String method, String path, String body) {
        return hub.call(token, method, path, body);
    }

    private static String key(TestHub hub, String tenant, String role) {
        TestHub.Response r = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"k\",\"role\":\"" + role + "\""
                + (tenant == null ? "" : ",\"tenant\":\"" + tenant + "\"") + "}"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("token").asText()).startsWith("pk_");
        return r.json().get("token").asText();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_tenant_key_sees_only_its_tenant_and_foreign_ids_answer_404_like_missing_ones(TestDatabase db) {
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            // the default tenant's world, made by the bootstrap admin token
            String chat = hub.createConnection("chat", "default chat", Map.of());
            String route = hub.createRoute("""
                    {"name":"echo","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"message.send","input":{"to":"{{payload.from.address}}",
                     "text":"ok"}}]}""".formatted(chat, chat));
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"11\",\"text\":\"oi\"}]");
            TestHub.await("the reply", Duration.ofSeconds(10), () -> hub.deliveries("status=delivered").size() == 1);
            String event = hub.events("").stream().filter(e -> e.get("type").asText().equals("message.inbound"))
                    .findFirst().orElseThrow().get("id").asText();
            String delivery = hub.deliveries("").get(0).get("id").asText();
            String conversation = hub.get("/api/v1/conversations").json().at("/items/0/id").asText();

            TestHub.Response t = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"Loja B\"}"));
            assertThat(t.status()).isEqualTo(201);
            String tenant = t.json().get("id").asText();
            String writer = key(hub, tenant, "write");

            // its own objects go to its tenant, whatever it asks
            TestHub.Response own = call(hub, writer, "POST", "/api/v1/connections",
                    "{\"connector\":\"chat\",\"name\":\"b chat\",\"config\":{}}");
            assertThat(own.status()).as(own.body()).isEqualTo(201);
            assertThat(own.json().get("tenant").asText()).isEqualTo(tenant);
            assertThat(call(hub, writer, "POST", "/api/v1/connections",
                    "{\"connector\":\"chat\",\"name\":\"x\",\"config\":{},\"tenant\":\"default\"}").status()).isEqualTo(403);

            // every resource of the default tenant: absent from lists, 404 by id, like a missing id
            String missing = "{\"type\":\"urn:ponte:problem:not-found\"";
            for (String[] probe : new String[][]{
                    {"GET", "/api/v1/connections/" + chat, null}, {"PUT", "/api/v1/connections/" + chat, "{\"enabled\":false}"},
                    {"DELETE", "/api/v1/connections/" + chat, null}, {"POST", "/api/v1/connections/" + chat + "/test", null},
                    {"POST", "/api/v1/connections/" + chat + "/actions/message.send", "{\"to\":\"1\",\"text\":\"x\"}"},
                    {"GET", "/api/v1/routes/" + route, null}, {"DELETE", "/api/v1/routes/" + route, null},
                    {"GET", "/api/v1/events/" + event, null}, {"GET", "/api/v1/deliveries/" + delivery, null},
                    {"POST", "/api/v1/deliveries/" + delivery + "/retry", null},
                    {"POST", "/api/v1/deliveries/" + delivery + "/cancel", null},
                    {"GET", "/api/v1/conversations/" + conversation, null},
                    {"GET", "/api/v1/conversations/" + conversation + "/messages", null},
                    {"PATCH", "/api/v1/conversations/" + conversation, "{\"state\":\"human\"}"},
                    {"POST", "/api/v1/conversations/" + conversation + "/messages", "{\"text\":\"x\"}"},
                    {"POST", "/api/v1/messages", "{\"connection\":\"" + chat + "\",\"to\":\"1\",\"text\":\"x\"}"},
                    {"GET", "/api/v1/media/" + event, null}}) {
                TestHub.Response r = call(hub, writer, probe[0], probe[1], probe[2]);
                assertThat(r.status()).as(probe[0] + " " + probe[1]).isEqualTo(404);
                assertThat(r.body()).startsWith(missing);
            }
            for (String list : List.of("/api/v1/connections", "/api/v1/routes", "/api/v1/events", "/api/v1/deliveries",
                    "/api/v1/conversations")) {
                JsonNode items = call(hub, writer, "GET", list, null).json().get("items");
                assertThat(items).as(list).allSatisfy(i -> assertThat(i.toString()).doesNotContain(chat));
            }
            assertThat(call(hub, writer, "GET", "/api/v1/connections", null).json().get("items")).hasSize(1);
            // a route may not reach across tenants either
            TestHub.Response across = call(hub, writer, "POST", "/api/v1/routes", """
                    {"name":"steal","match":{"source":"%s"},"actions":[{"target":"%s","action":"message.send",
                     "input":{}}]}""".formatted(chat, own.json().get("id").asText()));
            assertThat(across.status()).isEqualTo(400);
            assertThat(across.body()).contains("match.source");
            // and the default tenant is untouched
            assertThat(hub.get("/api/v1/connections/" + chat).json().get("enabled").asBoolean()).isTrue();
            assertThat(hub.get("/api/v1/routes/" + route).status()).isEqualTo(200);
            assertThat(hub.get("/api/v1/conversations/" + conversation).json().get("state").asText()).isEqualTo("open");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void read_keys_only_read_tenant_keys_cannot_administer_and_revoked_or_expired_keys_get_401(TestDatabase db) {
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            String tenant = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"C\"}")).json().get("id").asText();
            String reader = key(hub, tenant, "read");
            String writer = key(hub, tenant, "write");
            String adminReader = key(hub, null, "read");

            assertThat(call(hub, reader, "GET", "/api/v1/connections", null).status()).isEqualTo(200);
            TestHub.Response denied = call(hub, reader, "POST", "/api/v1/connections",
                    "{\"connector\":\"chat\",\"name\":\"x\",\"config\":{}}");
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.json().get("type").asText()).isEqualTo("urn:ponte:problem:forbidden");
            assertThat(call(hub, adminReader, "GET", "/api/v1/tenants", null).status()).isEqualTo(200);
            assertThat(call(hub, adminReader, "POST", "/api/v1/tenants", "{\"name\":\"x\"}").status()).isEqualTo(403);
            for (String[] probe : new String[][]{{"POST", "/api/v1/tenants", "{\"name\":\"x\"}"},
                    {"GET", "/api/v1/tenants", null}, {"GET", "/api/v1/api-keys", null},
                    {"POST", "/api/v1/api-keys", "{\"name\":\"x\",\"role\":\"write\"}"}}) {
                assertThat(call(hub, writer, probe[0], probe[1], probe[2]).status()).as(probe[1]).isEqualTo(403);
            }
            JsonNode keys = hub.get("/api/v1/api-keys").json().get("items");
            assertThat(keys).hasSize(3).allSatisfy(k -> assertThat(k.has("token")).isFalse());

            // the admin-scope reader is the one key without a tenant
            String id = java.util.stream.StreamSupport.stream(keys.spliterator(), false).filter(k -> !k.has("tenant"))
                    .findFirst().orElseThrow().get("id").asText();
            assertThat(hub.delete("/api/v1/api-keys/" + id).status()).isEqualTo(204);
            assertThat(hub.delete("/api/v1/api-keys/" + id).status()).isEqualTo(409);
            TestHub.Response gone = call(hub, adminReader, "GET", "/api/v1/connections", null);
            assertThat(gone.status()).isEqualTo(401);
            assertThat(gone.header("WWW-Authenticate")).startsWith("Bearer");

            TestHub.Response soon = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"soon\",\"role\":\"read\","
                    + "\"expiresAt\":\"" + Instant.now().plusMillis(1500) + "\"}"));
            String expiring = soon.json().get("token").asText();
            assertThat(call(hub, expiring, "GET", "/api/v1/connections", null).status()).isEqualTo(200);
            TestHub.await("the key expired", Duration.ofSeconds(5), () -> call(hub, expiring, "GET",
                    "/api/v1/connections", null).status() == 401);
            TestHub.Response bad = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"\",\"role\":\"god\","
                    + "\"tenant\":\"ten_NOPE\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("name").contains("role").contains("tenant").contains("expiresAt");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_tenant_with_objects_is_deleted_only_when_forced_and_then_everything_of_it_is_gone(TestDatabase db) {
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            String tenant = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"D\"}")).json().get("id").asText();
            TestHub.Response c = hub.post("/api/v1/connections", TestHub.parse(
                    "{\"connector\":\"chat\",\"name\":\"d\",\"config\":{},\"tenant\":\"" + tenant + "\"}"));
            String chat = c.json().get("id").asText();
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"5\",\"text\":\"oi\"}]");
            assertThat(hub.delete("/api/v1/tenants/" + tenant).status()).isEqualTo(409);
            assertThat(hub.delete("/api/v1/tenants/default").status()).isEqualTo(409);
            assertThat(hub.delete("/api/v1/tenants/" + tenant + "?force=true").status()).isEqualTo(204);
            assertThat(hub.get("/api/v1/tenants/" + tenant).status()).isEqualTo(404);
            assertThat(hub.get("/api/v1/connections/" + chat).status()).isEqualTo(404);
            assertThat(hub.events("")).isEmpty();
            assertThat(hub.get("/api/v1/conversations").json().get("items")).isEmpty();
            assertThat(hub.hook(chat, "[]").status()).as("answered like any closed webhook").isEqualTo(503);
        }
    }
}
