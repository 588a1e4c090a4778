package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plugins installed, disabled, enabled, upgraded and removed through the admin API while the hub runs; kept across
 * restarts (in the database); a bad file changes nothing.
 */
class PluginManagementIT {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    static TestHub.Response upload(TestHub hub, String token, String fileName, byte[] content) {
        String boundary = "ponte-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        // as curl does for a large upload: a refusal (403, 413) then arrives before the body is sent, instead of the
        // server closing a connection the client is still writing to
        return hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/plugins")).expectContinue(true)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static String state(TestHub hub, String id) {
        for (JsonNode p : hub.get("/api/v1/plugins").json().get("items")) {
            if (id.equals(p.path("id").asText())) {
                return p.get("state").asText();
            }
        }
        return "absent";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_plugin_is_installed_disabled_enabled_kept_across_restarts_and_removed_without_a_restart(TestDatabase db)
            throws IOException {
        Path empty = Files.createTempDirectory("ponte-no-plugins-");
        byte[] http = Files.readAllBytes(PluginLoadingIT.httpZip());
        try (HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().database(db).pluginsDir(empty).start()) {
            assertThat(hub.get("/api/v1/connectors").json().get("items")).isEmpty();
            TestHub.Response installed = upload(hub, TestHub.ADMIN_TOKEN, "plugin-http.zip", http);
            assertThat(installed.status()).as(installed.body()).isEqualTo(201);
            assertThat(installed.json().get("state").asText()).isEqualTo("started");
            assertThat(installed.json().get("connectors").toString()).contains("http");

            String in = hub.createConnection("http", "in", Map.of());
            String out = hub.createConnection("http", "out", Map.of("url", sink.url("/msg")));
            hub.createRoute("""
                    {"name":"fwd","match":{"source":"%s"},"actions":[{"target":"%s","action":"message.send",
                     "input":{"text":"{{payload.content.text}}"}}]}""".formatted(in, out));
            assertThat(hub.hook(in, "{\"id\":\"m1\",\"from\":\"1\",\"text\":\"um\"}").status()).isEqualTo(200);
            TestHub.await("delivered", Duration.ofSeconds(20), () -> sink.count() == 1);

            TestHub.Response disabled = hub.post("/api/v1/plugins/http/disable", "{}");
            assertThat(disabled.json().get("state").asText()).isEqualTo("disabled");
            assertThat(hub.get("/api/v1/connections/" + in).json().get("status").asText()).isEqualTo("unavailable");
            TestHub.Response paused = hub.hook(in, "{\"id\":\"m2\",\"from\":\"1\",\"text\":\"dois\"}");
            assertThat(paused.status()).as("the provider should retry later").isEqualTo(503);

            assertThat(hub.post("/api/v1/plugins/http/enable", "{}").json().get("state").asText()).isEqualTo("started");
            assertThat(hub.hook(in, "{\"id\":\"m2\",\"from\":\"1\",\"text\":\"dois\"}").status()).isEqualTo(200);
            TestHub.await("delivered again", Duration.ofSeconds(20), () -> sink.count() == 2);

            hub.restart();
            assertThat(state(hub, "http")).as("installed plugins persist").isEqualTo("started");
            assertThat(hub.get("/api/v1/connections/" + in).json().get("status").asText()).isEqualTo("active");

            assertThat(hub.delete("/api/v1/plugins/http").status()).isEqualTo(204);
            assertThat(state(hub, "http")).isEqualTo("absent");
            assertThat(hub.get("/api/v1/connections/" + out).json().get("status").asText()).isEqualTo("unavailable");
            hub.restart();
            assertThat(state(hub, "http")).as("removed for good").isEqualTo("absent");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_bad_file_is_refused_with_the_reason_and_the_running_hub_is_untouched(TestDatabase db) throws IOException {
        Path dir = Files.createTempDirectory("ponte-plugins-");
        Path http = PluginLoadingIT.httpZip();
        Files.copy(http, dir.resolve(http.getFileName()));
        Path work = Files.createTempDirectory("ponte-variants-");
        PluginLoadingIT.variant(http, work.resolve("future.zip"), "future", ">=3.0.0", true);
        PluginLoadingIT.variant(http, work.resolve("empty.zip"), "empty", ">=1.0.0", false);
        try (TestHub hub = TestHub.builder().database(db).pluginsDir(dir).start()) {
            String conn = hub.createConnection("http", "in", Map.of());
            TestHub.Response garbage = upload(hub, TestHub.ADMIN_TOKEN, "x.zip", new byte[]{1, 2, 3, 4});
            assertThat(garbage.status()).isEqualTo(400);
            assertThat(garbage.body()).contains("not a loadable PF4J plugin");
            TestHub.Response future = upload(hub, TestHub.ADMIN_TOKEN, "future.zip",
                    Files.readAllBytes(work.resolve("future.zip")));
            assertThat(future.status()).isEqualTo(400);
            assertThat(future.body()).contains("requires plugin-api >=3.0.0");
            TestHub.Response empty = upload(hub, TestHub.ADMIN_TOKEN, "empty.zip",
                    Files.readAllBytes(work.resolve("empty.zip")));
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.body()).contains("no ConnectorFactory");
            TestHub.Response clash = upload(hub, TestHub.ADMIN_TOKEN, "clash.zip", clash(http, work));
            assertThat(clash.status()).isEqualTo(400);
            assertThat(clash.body()).contains("already provided by plugin http");

            assertThat(state(hub, "http")).isEqualTo("started");
            assertThat(hub.get("/api/v1/plugins").json().get("items")).hasSize(1);
            assertThat(hub.hook(conn, "{\"id\":\"m1\",\"from\":\"1\",\"text\":\"x\"}").status()).isEqualTo(200);
            assertThat(hub.delete("/api/v1/plugins/http").status()).as("from the plugins dir").isEqualTo(409);
            TestHub.Response notMultipart = hub.post("/api/v1/plugins", "{}");
            assertThat(notMultipart.status()).isEqualTo(415);

            String tenant = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"t\"}")).json().get("id").asText();
            String key = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"k\",\"role\":\"write\",\"tenant\":\""
                    + tenant + "\"}")).json().get("token").asText();
            assertThat(upload(hub, key, "plugin-http.zip", Files.readAllBytes(http)).status()).isEqualTo(403);
        }
    }

    /** The http plugin under another id: its connector type clashes with the installed one. */
    private static byte[] clash(Path http, Path work) throws IOException {
        PluginLoadingIT.variant(http, work.resolve("clash.zip"), "http-copy", ">=1.0.0", true);
        return Files.readAllBytes(work.resolve("clash.zip"));
    }
}
