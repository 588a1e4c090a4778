package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The admin API over HTTP: connections, routes, events, plugins, connectors, health and metrics. */
class AdminApiIT {

    private static final String SECRET = "super-secret-value-42-0123456789abcdef";


    @Test
    void creates_reads_updates_and_deletes_a_connection_without_ever_showing_its_secret() throws Exception {
        try (TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            TestHub.Response created = hub.post("/api/v1/connections", """
                    {"connector":"http","name":"shop","config":{"secret":"%s"},
                     "delivery":{"retrySchedule":["1s","1m"],"timeoutSeconds":5}}""".formatted(SECRET));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode c = created.json();
            String id = c.get("id").asText();
            assertThat(id).startsWith("con_");
            assertThat(c.get("config").get("secret").asText()).isEqualTo("***");
            assertThat(c.get("status").asText()).isEqualTo("active");
            assertThat(c.get("webhookPath").asText()).isEqualTo("/hooks/" + id);
            assertThat(c.at("/delivery/retrySchedule").toString()).isEqualTo("[\"1s\",\"1m\"]");
            assertThat(created.body()).doesNotContain(SECRET);
            assertThat(hub.get("/api/v1/connections/" + id).body()).doesNotContain(SECRET);
            assertThat(hub.get("/api/v1/connections").json().get("items")).hasSize(1);

            // PUT with the mask keeps the secret: a body signed with it is still accepted
            TestHub.Response updated = hub.put("/api/v1/connections/" + id,
                    "{\"name\":\"shop-2\",\"config\":{\"secret\":\"***\",\"timeoutSeconds\":3}}");
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
            assertThat(updated.json().get("name").asText()).isEqualTo("shop-2");
            String body = "{\"id\":\"m1\",\"from\":\"1\",\"text\":\"oi\"}";
            assertThat(hub.hook(id, body, Signatures.standardHeaders(SECRET, body))
                    .status()).isEqualTo(200);
            assertThat(hub.put("/api/v1/connections/" + id, "{\"connector\":\"telegram\"}").status()).isEqualTo(400);

            // the secret is not in clear anywhere in the database files (nor in the inbox journal's segments, which
            // are deleted once committed: one may go between the listing and the read)
            try (Stream<Path> files = Files.walk(hub.dataDir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(f);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        continue;
                    }
                    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(SECRET);
                }
            }

            TestHub.Response test = hub.post("/api/v1/connections/" + id + "/test", "{}");
            assertThat(test.status()).as(test.body()).isEqualTo(200);
            assertThat(test.json().get("status").asText()).isEqualTo("up");
            assertThat(test.json().get("detail").asText()).isEqualTo("inbound only");
            TestHub.Response disabled = hub.put("/api/v1/connections/" + id, "{\"enabled\":false}");
            assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");
            assertThat(hub.post("/api/v1/connections/" + id + "/test", "{}").status()).isEqualTo(409);
            assertThat(disabled.json().get("config").get("secret").asText()).as("kept").isEqualTo("***");
            assertThat(disabled.json().at("/delivery/retrySchedule").toString()).as("kept").isEqualTo("[\"1s\",\"1m\"]");
            hub.put("/api/v1/connections/" + id, "{\"enabled\":true}");
            assertThat(hub.hook(id, body.replace("m1", "m3"), Signatures.standardHeaders(SECRET,
                    body.replace("m1", "m3"))).status())
                    .as("the secret survived a PUT without config").isEqualTo(200);
            assertThat(hub.post("/api/v1/connections/con_NOPE/test", "{}").status()).isEqualTo(404);

            assertThat(hub.delete("/api/v1/connections/" + id).status()).isEqualTo(204);
            assertThat(hub.get("/api/v1/connections/" + id).status()).isEqualTo(404);
            assertThat(hub.hook(id, body).status()).as("answered like any closed webhook").isEqualTo(503);
        }
    }

    @Test
    void manages_routes_and_applies_changes_at_once() {
        try (HttpSink sink = new HttpSink(); TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String in = hub.createConnection("http", "in", Map.of());
            String out = hub.createConnection("http", "out", Map.of("url", sink.url("/x")));
            String route = hub.createRoute("""
                    {"name":"v1","priority":5,"match":{"source":"%s"},
                     "actions":[{"target":"%s","action":"message.send","input":{"text":"v1 {{payload.content.text}}"}}]}
                    """.formatted(in, out));
            JsonNode got = hub.get("/api/v1/routes/" + route).json();
            assertThat(got.get("priority").asInt()).isEqualTo(5);
            assertThat(got.at("/match/source").asText()).isEqualTo(in);
            assertThat(got.at("/actions/0/input/text").asText()).isEqualTo("v1 {{payload.content.text}}");

            hub.hook(in, "{\"id\":\"a\",\"from\":\"1\",\"text\":\"x\"}");
            TestHub.await("v1 delivery", Duration.ofSeconds(10), () -> sink.count() == 1);
            TestHub.Response put = hub.put("/api/v1/routes/" + route, """
                    {"name":"v2","match":{"source":"%s"},
                     "actions":[{"target":"%s","action":"message.send","input":{"text":"v2 {{payload.content.text}}"}}]}
                    """.formatted(in, out));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            hub.hook(in, "{\"id\":\"b\",\"from\":\"1\",\"text\":\"y\"}");
            TestHub.await("v2 delivery", Duration.ofSeconds(10), () -> sink.count() == 2);
            assertThat(sink.received()).extracting(r -> r.json().get("text").asText()).containsExactly("v1 x", "v2 y");

            assertThat(hub.delete("/api/v1/routes/" + route).status()).isEqualTo(204);
            hub.hook(in, "{\"id\":\"c\",\"from\":\"1\",\"text\":\"z\"}");
            TestHub.await("the third event", Duration.ofSeconds(10), () -> hub.events("").size() == 3);
            assertThat(hub.events("").get(0).get("deliveryCount").asInt()).isZero();
            assertThat(hub.get("/api/v1/routes").json().get("items")).isEmpty();
        }
    }

    @Test
    void pages_events_newest_first_with_filters() {
        try (TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String a = hub.createConnection("http", "a", Map.of());
            String b = hub.createConnection("http", "b", Map.of());
            for (int i = 0; i < 7; i++) {
                hub.hook(a, "{\"id\":\"a%d\",\"from\":\"1\",\"text\":\"t\"}".formatted(i));
            }
            hub.hook(b, "{\"id\":\"b0\",\"from\":\"1\",\"text\":\"t\"}");

            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = hub.get("/api/v1/events?connection=" + a + "&type=message.inbound&limit=3"
                        + (cursor == null ? "" : "&cursor=" + cursor)).json();
                page.get("items").forEach(e -> seen.add(e.get("externalId").asText()));
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).containsExactly("a6", "a5", "a4", "a3", "a2", "a1", "a0");
            assertThat(hub.get("/api/v1/events?type=order.updated").json().get("items")).isEmpty();
        }
    }

    @Test
    void lists_plugins_and_connector_schemas_and_skips_a_broken_plugin_file() throws Exception {
        Path plugins = Files.createTempDirectory("ponte-plugins-");
        try (Stream<Path> files = Files.list(Distribution.plugins())) {
            for (Path p : files.filter(p -> p.toString().endsWith(".zip")).toList()) {
                Files.copy(p, plugins.resolve(p.getFileName()));
            }
        }
        Files.writeString(plugins.resolve("broken-1.0.0.zip"), "this is not a zip");
        try (TestHub hub = TestHub.builder().pluginsDir(plugins).start()) {
            JsonNode list = hub.get("/api/v1/plugins").json().get("items");
            assertThat(list).anySatisfy(p -> {
                assertThat(p.get("id").asText()).isEqualTo("http");
                assertThat(p.get("state").asText()).isEqualTo("started");
                assertThat(p.get("connectors").toString()).contains("http");
            });
            assertThat(list).anySatisfy(p -> {
                assertThat(p.get("file").asText()).isEqualTo("broken-1.0.0.zip");
                assertThat(p.get("state").asText()).isEqualTo("failed");
                assertThat(p.get("error").asText()).isNotBlank();
            });
            JsonNode connectors = hub.get("/api/v1/connectors").json().get("items");
            JsonNode http = connectors.get(0);
            assertThat(http.get("type").asText()).isEqualTo("http");
            assertThat(http.get("category").asText()).isEqualTo("channel");
            assertThat(http.get("plugin").asText()).isEqualTo("http");
            assertThat(http.at("/config/fields").toString()).contains("\"name\":\"secret\"");
            assertThat(http.at("/config/fields")).anySatisfy(f -> {
                assertThat(f.get("name").asText()).isEqualTo("secret");
                assertThat(f.get("secret").asBoolean()).isTrue();
            });
            assertThat(http.get("actions").toString()).contains("message.send");
            assertThat(hub.get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void exposes_health_and_prometheus_metrics() {
        try (HttpSink sink = new HttpSink(); TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String in = hub.createConnection("http", "in", Map.of());
            String out = hub.createConnection("http", "out", Map.of("url", sink.url("/x")));
            hub.createRoute("""
                    {"name":"r","match":{"source":"%s"},"actions":[{"target":"%s","action":"message.send","input":{}}]}
                    """.formatted(in, out));
            hub.hook(in, "{\"id\":\"a\",\"from\":\"1\",\"text\":\"x\"}");
            TestHub.await("the delivery", Duration.ofSeconds(10), () -> sink.count() == 1);
            TestHub.await("the recorded outcome", Duration.ofSeconds(10),
                    () -> hub.get("/metrics").body().contains("ponte_delivery_attempts_total"));

            assertThat(hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/health/live"))).status()).isEqualTo(200);
            TestHub.Response ready = hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/health/ready")));
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("database").asText()).isEqualTo("up");
            String metrics = hub.get("/metrics").body();
            assertThat(metrics)
                    .contains("ponte_webhooks_total{connection=\"" + in + "\",outcome=\"accepted\"} 1.0")
                    .contains("ponte_events_stored_total")
                    .contains("ponte_deliveries_routed_total")
                    .contains("ponte_delivery_attempts_total{connection=\"" + out + "\",outcome=\"delivered\"} 1.0")
                    .contains("ponte_delivery_attempt_seconds_bucket")
                    .contains("ponte_outbox_depth")
                    .contains("ponte_outbox_oldest_age_seconds")
                    .contains("jvm_memory_used_bytes");
        }
    }
}
