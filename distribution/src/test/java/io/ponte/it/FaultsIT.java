package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Targets that fail in every way a network can: a 5xx storm, one that accepts and never answers, one that resets the
 * connection, one that answers slowly. Each gets its own circuit; a healthy target beside them delivers everything
 * while they are failing, and nothing dies for a failure the breaker held.
 */
class FaultsIT {

    /** A raw TCP target: {@code hang} reads the request and never answers, {@code reset} answers with a TCP RST. */
    private static final class BadServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();

        BadServer(boolean reset) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, reset));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s, boolean reset) {
            try {
                InputStream in = s.getInputStream();
                byte[] buffer = new byte[8192];
                in.read(buffer);
                if (reset) {
                    s.setSoLinger(true, 0);
                    s.close();
                } else {
                    open.add(s);
                }
            } catch (IOException e) {
                // the hub gave up on it
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/m";
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /** Answers 200 after a pause, on a thread per request. */
    private static final class SlowServer implements AutoCloseable {
        private final ServerSocket server;
        final AtomicInteger answered = new AtomicInteger();

        SlowServer(Duration pause) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                InputStream in = s.getInputStream();
                                in.read(new byte[65536]);
                                Thread.sleep(pause);
                                OutputStream out = s.getOutputStream();
                                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2"
                                        + "\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                                out.flush();
                                answered.incrementAndGet();
                            } catch (IOException | InterruptedException e) {
                                // the hub gave up on it
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/m";
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static String messages(String prefix, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("{\"id\":\"").append(prefix).append(i).append("\",\"from\":\"")
                    .append(prefix).append(i).append("\",\"text\":\"").append(prefix).append("\"}");
        }
        return "[" + out + "]";
    }

    @Test
    void failing_targets_open_their_own_circuits_while_a_healthy_one_delivers_everything() throws Exception {
        try (HttpSink storm = new HttpSink(); HttpSink healthy = new HttpSink(); BadServer hang = new BadServer(false);
             BadServer reset = new BadServer(true); SlowServer slow = new SlowServer(Duration.ofMillis(1500));
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            storm.respond(r -> HttpSink.Answer.status(503));
            String in = hub.createConnection("http", "in", Map.of());
            Map<String, String> targets = new java.util.LinkedHashMap<>();
            targets.put("storm", hub.createConnection("http", "storm", Map.of("url", storm.url("/m"),
                    "timeoutSeconds", 2)));
            targets.put("hang", hub.createConnection("http", "hang", Map.of("url", hang.url(), "timeoutSeconds", 2)));
            targets.put("reset", hub.createConnection("http", "reset", Map.of("url", reset.url(),
                    "timeoutSeconds", 2)));
            targets.put("slow", hub.createConnection("http", "slow", Map.of("url", slow.url(), "timeoutSeconds", 5)));
            targets.put("ok", hub.createConnection("http", "ok", Map.of("url", healthy.url("/m"))));
            for (Map.Entry<String, String> t : targets.entrySet()) {
                TestHub.Response put = hub.put("/api/v1/connections/" + t.getValue(), TestHub.parse("""
                        {"delivery":{"retrySchedule":["300ms","300ms","300ms","300ms","300ms","300ms"],
                         "breaker":{"window":4,"minimumCalls":4,"failureRatePercent":50,"openSeconds":30,
                                    "halfOpenCalls":1}}}"""));
                assertThat(put.status()).as(put.body()).isEqualTo(200);
                hub.createRoute("""
                        {"name":"to %s","match":{"source":"%s","condition":"payload.content.text == '%s'"},
                         "actions":[{"target":"%s","action":"message.send","input":{"to":"{{payload.from.address}}",
                         "text":"{{payload.content.text}}"}}]}""".formatted(t.getKey(), in, t.getKey(), t.getValue()));
            }

            for (String name : List.of("storm", "hang", "reset", "slow")) {
                assertThat(hub.hook(in, messages(name, 8)).status()).isEqualTo(200);
            }
            assertThat(hub.hook(in, messages("ok", 40)).status()).isEqualTo(200);

            TestHub.await("every delivery to the healthy target", Duration.ofSeconds(30),
                    () -> healthy.count() == 40);
            for (String failing : List.of("storm", "hang", "reset")) {
                TestHub.await(failing + "'s circuit to open", Duration.ofSeconds(60), () -> "open".equals(
                        hub.get("/api/v1/connections/" + targets.get(failing)).json().at("/breaker/state").asText()));
                JsonNode conn = hub.get("/api/v1/connections/" + targets.get(failing)).json();
                assertThat(conn.at("/health/source").asText()).isEqualTo("breaker");
                assertThat(hub.deliveries("connection=" + targets.get(failing) + "&status=dead"))
                        .as(failing + ": held by its circuit, not spent").isEmpty();
                assertThat(hub.deliveries("connection=" + targets.get(failing) + "&status=delivered")).isEmpty();
            }
            TestHub.await("the slow target's deliveries", Duration.ofSeconds(60),
                    () -> hub.deliveries("connection=" + targets.get("slow") + "&status=delivered").size() == 8);
            assertThat(hub.get("/api/v1/connections/" + targets.get("slow")).json().at("/breaker/state").asText())
                    .as("slow but within its timeout is not a failure").isEqualTo("closed");
            assertThat(hub.get("/api/v1/connections/" + targets.get("ok")).json().at("/health/status").asText())
                    .isEqualTo("up");
            assertThat(hang.connections.get()).as("the hanging target was tried").isPositive();
            assertThat(reset.connections.get()).as("the resetting target was tried").isPositive();
            assertThat(hub.get("/health/ready").status()).isEqualTo(200);
        }
    }
}
