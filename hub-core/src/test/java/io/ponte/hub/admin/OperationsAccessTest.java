package io.ponte.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.conversations.ChatConnectorAccess;
import io.ponte.hub.testing.TestHub;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an operator controls on a public hub: who reads {@code /metrics} (an admin key on the public port, anyone who
 * reaches the management listener), whether plugins can be uploaded, the data dir's modes, and retiring the bootstrap
 * token once admin keys exist.
 */
class OperationsAccessTest {

    private static HttpRequest.Builder as(String token, java.net.URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    private static String key(TestHub hub, String body) {
        TestHub.Response r = hub.post("/api/v1/api-keys", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    @Test
    void metrics_on_the_public_port_need_an_admin_scope_key() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"1\",\"text\":\"x\"}]");
            String tenant = hub.post("/api/v1/tenants", "{\"name\":\"other\"}").json().get("id").asText();
            String tenantKey = key(hub, "{\"name\":\"t\",\"tenant\":\"" + tenant + "\",\"role\":\"read\"}");
            String adminKey = key(hub, "{\"name\":\"prometheus\",\"role\":\"read\"}");

            TestHub.Response anonymous = hub.send(HttpRequest.newBuilder(hub.uri("/metrics")));
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(anonymous.body()).doesNotContain(chat);

            TestHub.Response ofTenant = hub.send(as(tenantKey, hub.uri("/metrics")));
            assertThat(ofTenant.status()).isEqualTo(403);
            assertThat(ofTenant.json().get("detail").asText()).contains("admin-scope");
            assertThat(ofTenant.body()).doesNotContain(chat);

            TestHub.Response scraped = hub.send(as(adminKey, hub.uri("/metrics")));
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.header("Content-Type")).startsWith("text/plain");
            assertThat(scraped.body()).contains("ponte_webhooks_total{connection=\"" + chat + "\",outcome=\"accepted\"}");
            assertThat(hub.send(HttpRequest.newBuilder(hub.uri("/health/ready"))).status())
                    .as("probes stay anonymous").isEqualTo(200);
        }
    }

    @Test
    void the_management_listener_serves_metrics_and_health_without_a_token_and_nothing_else() {
        try (TestHub hub = TestHub.builder().env("PONTE_MANAGEMENT_PORT", "0")
                .connectors(new ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"1\",\"text\":\"x\"}]");

            TestHub.Response metrics = hub.send(HttpRequest.newBuilder(hub.managementUri("/metrics")));
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("ponte_webhooks_total{connection=\"" + chat + "\",outcome=\"accepted\"}")
                    .contains("jvm_memory_used_bytes");
            assertThat(hub.send(HttpRequest.newBuilder(hub.managementUri("/health/live"))).status()).isEqualTo(200);
            TestHub.Response ready = hub.send(HttpRequest.newBuilder(hub.managementUri("/health/ready")));
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("database").asText()).isEqualTo("up");

            TestHub.Response api = hub.send(as(TestHub.ADMIN_TOKEN, hub.managementUri("/api/v1/connections")));
            assertThat(api.status()).as("the admin API is not on the management listener").isEqualTo(404);
            assertThat(hub.send(HttpRequest.newBuilder(hub.managementUri("/hooks/" + chat))
                    .POST(HttpRequest.BodyPublishers.ofString("[]"))).status()).isEqualTo(404);
            assertThat(hub.send(HttpRequest.newBuilder(hub.uri("/metrics"))).status())
                    .as("the public port still asks for a key").isEqualTo(401);
        }
    }

    @Test
    void plugin_uploads_can_be_turned_off_and_the_refusal_names_the_setting() {
        try (TestHub hub = TestHub.builder().env("PONTE_PLUGINS_UPLOAD", "off").start()) {
            String boundary = "ponte-boundary";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.zip\""
                    + "\r\nContent-Type: application/zip\r\n\r\nPK\r\n--" + boundary + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            TestHub.Response r = hub.send(as(TestHub.ADMIN_TOKEN, hub.uri("/api/v1/plugins"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().get("type").asText()).isEqualTo("urn:ponte:problem:forbidden");
            assertThat(r.json().get("detail").asText()).contains("PONTE_PLUGINS_UPLOAD=off").contains("plugins dir");
            assertThat(hub.get("/api/v1/plugins").status()).isEqualTo(200);
        }
    }

    @Test
    void a_new_data_dir_is_readable_by_its_owner_only() throws Exception {
        Path dir = Files.createTempDirectory("ponte-parent-").resolve("data");
        try (TestHub hub = TestHub.builder().dataDir(dir).start()) {
            assertThat(hub.get("/health/ready").status()).isEqualTo(200);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(Files.exists(dir.resolve("master.key"))).isTrue();
        }
    }

    @Test
    void the_bootstrap_token_is_retired_only_while_a_lasting_admin_key_remains_and_stays_retired() throws Exception {
        Path dir = Files.createTempDirectory("ponte-test-");
        String admin;
        try (TestHub hub = TestHub.builder().dataDir(dir).start()) {
            TestHub.Response alone = hub.delete("/api/v1/api-keys/bootstrap");
            assertThat(alone.status()).isEqualTo(409);
            assertThat(alone.json().get("detail").asText()).contains("no way in");
            key(hub, "{\"name\":\"expiring\",\"role\":\"write\",\"expiresAt\":\"2100-01-01T00:00:00Z\"}");
            key(hub, "{\"name\":\"reader\",\"role\":\"read\"}");
            String tenant = hub.post("/api/v1/tenants", "{\"name\":\"t\"}").json().get("id").asText();
            key(hub, "{\"name\":\"tenant writer\",\"role\":\"write\",\"tenant\":\"" + tenant + "\"}");
            assertThat(hub.delete("/api/v1/api-keys/bootstrap").status())
                    .as("expiring, read-only and tenant keys are no lasting way in").isEqualTo(409);

            admin = key(hub, "{\"name\":\"ops\",\"role\":\"write\"}");
            assertThat(hub.delete("/api/v1/api-keys/bootstrap").status()).isEqualTo(204);
            TestHub.Response refused = hub.get("/api/v1/connections");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(hub.send(as(admin, hub.uri("/api/v1/connections"))).status()).isEqualTo(200);
            assertThat(hub.send(as(admin, hub.uri("/api/v1/api-keys/bootstrap")).DELETE()).status())
                    .as("already retired").isEqualTo(409);

            TestHub.Response last = hub.send(as(admin, hub.uri("/api/v1/api-keys/" + idOf(hub, admin, "ops"))).DELETE());
            assertThat(last.status()).as("the last lasting admin key stays").isEqualTo(409);
            assertThat(last.json().get("detail").asText()).contains("bootstrap token is retired");
            assertThat(hub.send(as(admin, hub.uri("/api/v1/audit?target=bootstrap"))).json().get("items")
                    .findValuesAsText("status")).as("audited, newest first").containsExactly("409", "204", "409", "409");

            hub.restart();
            assertThat(hub.get("/api/v1/connections").status()).as("retired across restarts").isEqualTo(401);
            assertThat(hub.send(as(admin, hub.uri("/api/v1/connections"))).status()).isEqualTo(200);
        }
        try (TestHub recovered = TestHub.builder().dataDir(dir).env("PONTE_ADMIN_TOKEN", "a-new-token-0123456789")
                .start()) {
            assertThat(recovered.send(as("a-new-token-0123456789", recovered.uri("/api/v1/connections"))).status())
                    .as("a token never retired is the way back in").isEqualTo(200);
            assertThat(recovered.get("/api/v1/connections").status()).isEqualTo(401);
        }
    }

    private static String idOf(TestHub hub, String token, String name) {
        for (com.fasterxml.jackson.databind.JsonNode k : hub.send(as(token, hub.uri("/api/v1/api-keys"))).json()
                .get("items")) {
            if (k.get("name").asText().equals(name)) {
                return k.get("id").asText();
            }
        }
        throw new AssertionError("no key named " + name);
    }
}
