package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.TestHub;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the public door, with the real plugins: forged webhooks, endless chunked bodies, probing webhook ids,
 * and a tenant key fishing for another tenant's connector types.
 */
class SecurityIT {

    private static final String SECRET = "s3cret-shared-with-the-sender-0123456789";
    private static final String TELEGRAM = "ponte-test_Secret-0123456789abcdef0123456789";

    private static String message(String id) {
        return "{\"id\":\"" + id + "\",\"from\":\"5511999990001\",\"text\":\"oi\"}";
    }

    @Test
    void forged_webhooks_do_not_spend_the_connections_rate_and_the_forger_is_limited_by_address() {
        try (TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).env("PONTE_RATE_LIMIT_HOOKS", "5/1m")
                .start()) {
            String conn = hub.createConnection("http", "signed", Map.of("secret", SECRET));
            List<Integer> forged = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                forged.add(hub.hook(conn, message("f" + i), Signatures.standardHeaders("a-guess-at-the-secret-0123456789",
                        message("f" + i))).status());
            }
            assertThat(forged.subList(0, 30)).as("refused as not authentic").containsOnly(401);
            assertThat(forged.subList(30, 40)).as("then the address is over its budget of failures").containsOnly(429);
            TestHub.Response limited = hub.hook(conn, message("f99"), "webhook-id", "msg_f99", "webhook-timestamp",
                    Long.toString(System.currentTimeMillis() / 1000), "webhook-signature", "v1,AAAA");
            assertThat(limited.header("Retry-After")).isNotNull();
            assertThat(limited.json().get("type").asText()).isEqualTo("urn:ponte:problem:rate-limited");

            for (int i = 0; i < 5; i++) {
                TestHub.Response real = hub.hook(conn, message("m" + i),
                        Signatures.standardHeaders(SECRET, message("m" + i)));
                assertThat(real.status()).as("the provider's real delivery %d, from the same address", i)
                        .isEqualTo(200);
            }
            TestHub.Response sixth = hub.hook(conn, message("m5"), Signatures.standardHeaders(SECRET, message("m5")));
            assertThat(sixth.status()).as("authentic requests spend the connection's rate").isEqualTo(429);
            assertThat(sixth.json().get("detail").asText()).contains("PONTE_RATE_LIMIT_HOOKS");
            assertThat(hub.events("connection=" + conn)).hasSize(5);
        }
    }

    @Test
    void a_chunked_body_is_read_no_further_than_its_limit_and_the_server_wide_cap_stays_small() throws Exception {
        try (TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins())
                .env("PONTE_HTTP_MAX_BODY_BYTES", "4096").env("PONTE_HOOKS_MAX_BODY_BYTES", "65536").start()) {
            String conn = hub.createConnection("http", "open", Map.of());

            String padded = "{\"id\":\"big\",\"from\":\"5511999990001\",\"text\":\"" + "x".repeat(30_000) + "\"}";
            TestHub.Response fits = hub.send(HttpRequest.newBuilder(hub.uri("/hooks/" + conn))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8)))));
            assertThat(fits.status()).as("a chunked webhook larger than the admin limit: %s", fits.body()).isEqualTo(200);

            // 200 MB without a length: the hub answers once it has read past 64 KB; the old server-wide cap was 64 MB
            Chunked hook = Chunked.post(hub.port(), "/hooks/" + conn, null, 200L << 20);
            assertThat(hook.statusLine()).contains(" 413 ");
            assertThat(hook.body()).contains("PONTE_HOOKS_MAX_BODY_BYTES").contains("65536");
            assertThat(hook.sentBeforeAnswer()).as("bytes sent before the answer came").isLessThan(32L << 20);

            Chunked admin = Chunked.post(hub.port(), "/api/v1/connections", TestHub.ADMIN_TOKEN, 200L << 20);
            assertThat(admin.statusLine()).contains(" 413 ");
            assertThat(admin.sentBeforeAnswer()).isLessThan(32L << 20);

            assertThat(hub.events("connection=" + conn)).hasSize(1);
            assertThat(hub.get("/api/v1/connections").json().get("items")).hasSize(1);
            assertThat(hub.get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void unknown_disabled_paused_and_webhookless_connections_answer_alike_without_internal_text() {
        try (TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String disabled = hub.createConnection("http", "disabled", Map.of());
            assertThat(hub.put("/api/v1/connections/" + disabled, "{\"enabled\":false}").status()).isEqualTo(200);
            String agent = hub.createConnection("rules-agent", "faq",
                    Map.of("rules", List.of(Map.of("pattern", "oi", "reply", "olá"))));
            String paused = hub.createConnection("telegram", "bot", Map.of("botToken", "123456:ABC-telegram-test-token",
                    "secretToken", TELEGRAM, "apiBaseUrl", "http://127.0.0.1:9"));
            assertThat(hub.post("/api/v1/plugins/telegram/disable", "{}").status()).isEqualTo(200);

            List<TestHub.Response> answers = List.of(hub.hook("con_01KZZZZZZZZZZZZZZZZZZZZZZZ", message("a")),
                    hub.hook(disabled, message("a")), hub.hook(agent, message("a")), hub.hook(paused, message("a")));
            JsonNode first = withoutInstance(answers.get(0));
            for (TestHub.Response r : answers) {
                assertThat(r.status()).as(r.body()).isEqualTo(503);
                assertThat(r.header("Retry-After")).as("providers retry").isNotNull();
                assertThat(withoutInstance(r)).isEqualTo(first);
                assertThat(r.body()).doesNotContainIgnoringCase("telegram").doesNotContainIgnoringCase("rules")
                        .doesNotContain("disabled").doesNotContain("plugin").doesNotContain("not open");
            }
            assertThat(first.get("detail").asText()).isEqualTo("no webhook is accepting requests at this address now; "
                    + "retry later");
            assertThat(hub.get("/api/v1/connections/" + paused).json().toString())
                    .as("the admin API still tells the operator why").contains("telegram");
        }
    }

    @Test
    void a_route_naming_another_tenants_connection_fails_exactly_like_one_naming_a_missing_connection() {
        try (TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String foreign = hub.createConnection("telegram", "someone else's bot", Map.of("botToken",
                    "123456:ABC-telegram-test-token", "secretToken", TELEGRAM, "apiBaseUrl", "http://127.0.0.1:9"));
            String tenant = hub.post("/api/v1/tenants", "{\"name\":\"curious\"}").json().get("id").asText();
            String key = hub.post("/api/v1/api-keys", "{\"name\":\"k\",\"role\":\"write\",\"tenant\":\"" + tenant + "\"}")
                    .json().get("token").asText();
            String missing = "con_01KZZZZZZZZZZZZZZZZZZZZZZZ";

            String theirs = routeProblem(hub, key, foreign);
            String nobodys = routeProblem(hub, key, missing);
            assertThat(theirs.replace(foreign, "<id>")).isEqualTo(nobodys.replace(missing, "<id>"));
            assertThat(theirs).doesNotContain("telegram").doesNotContain("offers");
        }
    }

    private static String routeProblem(TestHub hub, String key, String connection) {
        String route = """
                {"name":"peek","match":{"source":"%1$s"},
                 "actions":[{"target":"%1$s","action":"no.such.action"}]}""".formatted(connection);
        TestHub.Response r = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/routes"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(route)));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.body();
    }

    private static JsonNode withoutInstance(TestHub.Response r) {
        ObjectNode json = (ObjectNode) r.json().deepCopy();
        json.remove("instance");
        return json;
    }

    /**
     * A raw HTTP/1.1 request with a chunked body of {@code total} bytes, written on its own thread while this one
     * waits for the answer: how much was sent before the answer came shows how far the hub read.
     */
    private record Chunked(String statusLine, String body, long sentBeforeAnswer) {

        static Chunked post(int port, String path, String token, long total) throws Exception {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n" + (token == null ? "" : "Authorization: Bearer " + token
                        + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                AtomicLong sent = new AtomicLong();
                Thread writer = Thread.ofVirtual().start(() -> {
                    byte[] chunk = ("2000\r\n" + "a".repeat(8192) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    try {
                        while (sent.get() < total && !Thread.currentThread().isInterrupted()) {
                            out.write(chunk);
                            sent.addAndGet(8192);
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException stopped) {
                        // the hub answered and closed the connection: what we wanted to see
                    }
                });
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                String statusLine = in.readLine();
                long sentBeforeAnswer = sent.get();
                StringBuilder rest = new StringBuilder();
                char[] buffer = new char[4096];
                int n;
                try {
                    while (rest.indexOf("}") < 0 && (n = in.read(buffer)) > 0) {
                        rest.append(buffer, 0, n);
                    }
                } catch (IOException reset) {
                    // the hub closed a connection whose body it did not want to read: the answer was already here
                }
                writer.interrupt();
                socket.close();
                writer.join();
                return new Chunked(statusLine, rest.toString(), sentBeforeAnswer);
            }
        }
    }
}
