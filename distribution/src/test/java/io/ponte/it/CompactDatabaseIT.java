package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar ponte.jar compact-database}: refused with what to do while the hub runs, then shrinks the stopped
 * hub's H2 file to its live data, and the hub starts again on it with everything it had.
 */
class CompactDatabaseIT {

    private record Run(int exit, String output) {
    }

    @Test
    void compacts_a_stopped_hubs_file_and_refuses_while_the_hub_runs(@TempDir Path dataDir) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String connection;
        try (ChildHub hub = new ChildHub(dataDir, null)) {
            hub.start();
            connection = hub.create(client, "{\"connector\":\"http\",\"name\":\"in\",\"config\":{}}");
            for (int i = 0; i < 300; i++) {
                HttpResponse<String> r = ChildHub.post(client, hub.url("/hooks/" + connection),
                        "{\"id\":\"m" + i + "\",\"from\":\"c" + (i % 7) + "\",\"text\":\"hello " + i + "\"}", false);
                assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
            }

            Run refused = compact(dataDir);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.output()).contains("stop the hub first");
            hub.stop();
        }

        Path file = dataDir.resolve("ponte.mv.db");
        long before = Files.size(file);
        Run done = compact(dataDir);
        assertThat(done.exit()).as(done.output()).isZero();
        Matcher m = Pattern.compile("compacted (\\S+) from (\\d+) MB to (\\d+) MB").matcher(done.output());
        assertThat(m.find()).as(done.output()).isTrue();
        assertThat(Path.of(m.group(1))).isEqualTo(file);
        assertThat(Files.size(file)).as("the file holds only its live pages now").isLessThan(before);

        try (ChildHub hub = new ChildHub(dataDir, null)) {
            hub.start();
            HttpResponse<String> events = client.send(HttpRequest.newBuilder(
                    URI.create(hub.url("/api/v1/events?connection=" + connection + "&limit=500")))
                    .header("Authorization", "Bearer " + io.ponte.hub.testing.TestHub.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(io.ponte.api.message.MessageJson.newMapper().readTree(events.body()).get("items").size())
                    .as("every stored event is still there").isEqualTo(300);
        }
    }

    private static Run compact(Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", Distribution.dir().resolve("ponte.jar").toString(),
                "compact-database")).redirectErrorStream(true);
        pb.environment().put("PONTE_DATA_DIR", dataDir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
