package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.TestHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Throwaway plugin files, built in a temp dir and loaded by the real plugin manager. */
class PluginLoadingIT {

    static Path httpZip() throws IOException {
        try (Stream<Path> files = Files.list(Distribution.plugins())) {
            return files.filter(p -> p.getFileName().toString().matches("plugin-http-.*\\.zip")).findFirst()
                    .orElseThrow();
        }
    }

    /** Copies the http plugin zip as a new plugin with a changed id, requires range, and optionally no jar. */
    static void variant(Path source, Path target, String id, String requires, boolean withCode)
            throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals("plugin.properties")) {
                    out.putNextEntry(new ZipEntry("plugin.properties"));
                    String props = new String(in.readAllBytes())
                            .replaceAll("plugin.id=.*", "plugin.id=" + id)
                            .replaceAll("plugin.requires=.*", "plugin.requires=" + requires);
                    out.write(props.getBytes());
                } else if (withCode || !e.getName().endsWith(".jar")) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    @Test
    void reports_and_skips_incompatible_empty_and_unreadable_plugins_but_starts_the_good_one() throws Exception {
        Path dir = Files.createTempDirectory("ponte-plugins-");
        Path http = httpZip();
        Files.copy(http, dir.resolve(http.getFileName()));
        variant(http, dir.resolve("future-1.0.0.zip"), "future", ">=3.0.0", true);
        variant(http, dir.resolve("empty-1.0.0.zip"), "empty", ">=1.0.0", false);
        Files.write(dir.resolve("garbage-1.0.0.jar"), new byte[]{1, 2, 3, 4});

        try (TestHub hub = TestHub.builder().pluginsDir(dir).start()) {
            JsonNode plugins = hub.get("/api/v1/plugins").json().get("items");
            assertThat(state(plugins, "http")).isEqualTo("started");
            assertThat(error(plugins, "future")).contains("requires plugin-api >=3.0.0")
                    .contains(io.ponte.api.PluginApi.VERSION);
            assertThat(error(plugins, "empty")).contains("no ConnectorFactory");
            assertThat(plugins).anySatisfy(p -> {
                assertThat(p.get("file").asText()).isEqualTo("garbage-1.0.0.jar");
                assertThat(p.get("state").asText()).isEqualTo("failed");
            });
            assertThat(hub.get("/api/v1/connectors").json().get("items")).hasSize(1);
            hub.createConnection("http", "works", Map.of());
            assertThat(hub.get("/health/ready").status()).isEqualTo(200);
        }
    }

    private static String state(JsonNode plugins, String id) {
        for (JsonNode p : plugins) {
            if (p.get("id").asText().equals(id)) {
                return p.get("state").asText();
            }
        }
        throw new AssertionError("no plugin " + id + " in " + plugins);
    }

    private static String error(JsonNode plugins, String id) {
        for (JsonNode p : plugins) {
            if (p.get("id").asText().equals(id)) {
                assertThat(p.get("state").asText()).isEqualTo("failed");
                return p.get("error").asText();
            }
        }
        throw new AssertionError("no plugin " + id + " in " + plugins);
    }

}
