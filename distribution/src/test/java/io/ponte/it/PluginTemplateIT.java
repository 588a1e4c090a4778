package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.testing.TestHub;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A plugin written outside this repository, end to end: plugin-template/ built in a temporary directory by a Maven
 * of its own against the published plugin-api, plugin-kit and plugin-testkit (its own tests, the conformance suite
 * among them, run there), uploaded through the admin API, used (a signed webhook in, routed to its message.send out
 * to a local fake of its provider), upgraded to a new version while the hub runs, removed, and its class loaders
 * freed by the garbage collector.
 */
class PluginTemplateIT {

    private static final String TOKEN = "ect_it_0123456789abcdef";
    private static final String WEBHOOK_SECRET = "whs_it_0123456789abcdef0123456789abcdef";

    /** Example Chat's API as the template's README describes it: POST /v1/messages and GET /v1/me, bearer token. */
    private static final class FakeExampleChat extends FakeProvider {
        private final AtomicInteger ids = new AtomicInteger();

        @Override
        protected Answer answer(Recorded request) {
            if (!("Bearer " + TOKEN).equals(request.header("authorization"))) {
                return Answer.json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"invalid token\"}}");
            }
            return switch (request.method() + " " + request.path()) {
                case "POST /v1/messages" -> Answer.json(201, "{\"id\":\"msg_" + ids.incrementAndGet() + "\"}");
                case "GET /v1/me" -> Answer.json(200, "{\"id\":\"bot_1\"}");
                default -> Answer.json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no such endpoint\"}}");
            };
        }
    }

    @Test
    void a_plugin_built_outside_the_repository_is_installed_used_upgraded_removed_and_unloaded() throws Exception {
        byte[] v1;
        byte[] v2;
        try (TemplateBuild build = TemplateBuild.prepare()) {
            String version = System.getProperty("ponte.version", "0.1.0-SNAPSHOT");
            assertThat(Files.readString(build.project().resolve("pom.xml")))
                    .as("the template builds against this reactor's version")
                    .contains("<ponte.version>" + version + "<");
            assertThat(build.repository().resolve("io/ponte/plugin-api/" + version)).isDirectory();

            build.mvn("verify");
            v1 = Files.readAllBytes(build.zip("example-chat-1.0.0.zip"));
            build.editPom("<version>1.0.0</version>", "<version>1.1.0</version>");
            build.mvn("package", "-Dmaven.test.skip=true");
            v2 = Files.readAllBytes(build.zip("example-chat-1.1.0.zip"));
        }

        Path noPlugins = Files.createTempDirectory("ponte-no-plugins-");
        try (FakeExampleChat provider = new FakeExampleChat();
             TestHub hub = TestHub.builder().pluginsDir(noPlugins).start()) {
            TestHub.Response installed = PluginManagementIT.upload(hub, TestHub.ADMIN_TOKEN, "example-chat-1.0.0.zip",
                    v1);
            assertThat(installed.status()).as(installed.body()).isEqualTo(201);
            assertThat(installed.json().get("state").asText()).isEqualTo("started");
            assertThat(installed.json().get("version").asText()).isEqualTo("1.0.0");

            String chat = hub.createConnection("example-chat", "chat", Map.of("baseUrl", provider.root().toString(),
                    "apiToken", TOKEN, "webhookSecret", WEBHOOK_SECRET));
            hub.createRoute("""
                    {"name":"echo","match":{"source":"%s","type":"message.inbound"},"actions":[{"target":"%s",
                     "action":"message.send","input":{"to":"{{payload.from.address}}",
                     "text":"echo: {{payload.content.text}}"}}]}""".formatted(chat, chat));

            Recorded first = roundTrip(hub, provider, chat, "m_1", "oi", 1);
            assertThat(first.header("user-agent")).isEqualTo("ponte-example-chat/1.0.0");
            assertThat(first.bodyJson().get("text").asText()).isEqualTo("echo: oi");
            assertThat(first.bodyJson().get("to").asText()).isEqualTo("u_42");
            assertThat(first.header("idempotency-key")).as("the delivery id").startsWith("dlv_");
            String forged = "{\"id\":\"m_x\",\"from\":\"u_42\",\"text\":\"x\"}";
            assertThat(hub.hook(chat, forged, "X-Example-Signature", "sha256=00").status()).isEqualTo(401);

            TestHub.Response upgraded = PluginManagementIT.upload(hub, TestHub.ADMIN_TOKEN, "example-chat-1.1.0.zip",
                    v2);
            assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(201);
            assertThat(upgraded.json().get("version").asText()).isEqualTo("1.1.0");
            Recorded second = roundTrip(hub, provider, chat, "m_2", "tudo bem?", 2);
            assertThat(second.header("user-agent")).as("the new version's code sends")
                    .isEqualTo("ponte-example-chat/1.1.0");

            assertThat(hub.delete("/api/v1/plugins/example-chat").status()).isEqualTo(204);
            assertThat(hub.get("/api/v1/connectors").json().get("items").toString()).doesNotContain("example-chat");
            assertThat(hub.get("/api/v1/connections/" + chat).json().get("status").asText()).isEqualTo("unavailable");

            assertThat(hub.metric("ponte_plugins_unloaded_total")).as("1.0.0 upgraded, 1.1.0 removed").isEqualTo(2);
            // The hub's HTTP client keeps its last connection to the provider alive (up to
            // jdk.httpclient.keepalive.timeout, 30 s), and with it the plugin's body subscriber of the last exchange:
            // the provider going away closes it, as the keep-alive timeout would.
            provider.close();
            // Both versions' class loaders must become unreachable: nothing in the hub may keep a plugin's classes
            // once it is gone. Collection itself is up to the JVM: ask for it until the loaders are freed.
            TestHub.await("the unloaded plugin's class loaders to be garbage collected", Duration.ofSeconds(60), () -> {
                System.gc();
                return hub.metric("ponte_plugins_unloaded_classloaders") == 0;
            });
        }
    }

    /** A signed webhook in; the route's message.send out to the fake; returns that request. */
    private static Recorded roundTrip(TestHub hub, FakeExampleChat provider, String chat, String id, String text,
                                      int sends) throws Exception {
        String body = "{\"id\":\"" + id + "\",\"from\":\"u_42\",\"name\":\"Ana\",\"text\":\"" + text + "\"}";
        TestHub.Response hook = hub.hook(chat, body, "X-Example-Signature", sign(body));
        assertThat(hook.status()).as(hook.body()).isEqualTo(200);
        List<Recorded> sent = provider.awaitRequests(r -> r.path().equals("/v1/messages"), sends,
                Duration.ofSeconds(20));
        assertThat(sent).hasSize(sends);
        return sent.getLast();
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
