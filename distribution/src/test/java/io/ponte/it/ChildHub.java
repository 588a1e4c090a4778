package io.ponte.it;

import io.ponte.hub.testing.TestHub;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real distribution ({@code java -jar ponte.jar}) in a child JVM, for crash tests. */
final class ChildHub implements AutoCloseable {

    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;
    private boolean launcher;

    ChildHub(Path dataDir, String dbUrl) {
        this.port = freePort();
        this.log = dataDir.resolve("hub.log");
        this.env = new HashMap<>();
        env.put("PONTE_DATA_DIR", dataDir.toString());
        env.put("PONTE_HTTP_PORT", Integer.toString(port));
        env.put("PONTE_HTTP_HOST", "127.0.0.1");
        env.put("PONTE_ADMIN_TOKEN", TestHub.ADMIN_TOKEN);
        env.put("PONTE_PLUGINS_DIR", Distribution.plugins().toString());
        env.put("PONTE_LOG_LEVEL", "WARN");
        env.put("PONTE_DISPATCH_POLL_INTERVAL_MS", "50");
        if (dbUrl != null) {
            env.put("PONTE_DB_URL", dbUrl);
        }
    }

    /** Sets one more environment variable for the next start. */
    ChildHub env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts through the distribution's launcher script ({@code ponte}) instead of {@code java -jar}. */
    ChildHub viaLauncher() {
        launcher = true;
        return this;
    }

    void start() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = launcher
                ? new ProcessBuilder(List.of("sh", Distribution.dir().resolve("ponte").toString()))
                : new ProcessBuilder(List.of(java, "-Xmx512m", "-jar",
                        Distribution.dir().resolve("ponte.jar").toString()));
        if (launcher) {
            pb.environment().put("JAVA_HOME", Path.of(java).getParent().getParent().toString());
            pb.environment().put("PONTE_JAVA_OPTS", "-Xmx512m");
        }
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url("/health/ready"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the hub did not become ready in 60 s; see " + log);
    }

    /** SIGTERM, and waits for the process to end (shutdown hooks run). */
    void stop() throws InterruptedException {
        close();
    }

    Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Creates a connection through the admin API and answers its id. */
    String create(HttpClient client, String body) throws Exception {
        HttpResponse<String> r = post(client, url("/api/v1/connections"), body, true);
        if (r.statusCode() != 201) {
            throw new AssertionError("creating a connection answered " + r.statusCode() + ": " + r.body());
        }
        return io.ponte.api.message.MessageJson.newMapper().readTree(r.body()).get("id").asText();
    }

    /** A JSON POST, with the admin token when {@code admin}. */
    static HttpResponse<String> post(HttpClient client, String url, String body, boolean admin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (admin) {
            b.header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
