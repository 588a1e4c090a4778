package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's launcher script ({@code ponte}): the JDK check, and the class-data archive it keeps. */
class LauncherIT {

    private record Run(int exit, String output) {
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        return run(Distribution.dir().resolve("ponte"), env, args);
    }

    private static Run run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static String javaHome() {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        return java.getParent().getParent().toString();
    }

    @Test
    void an_older_jdk_is_refused_with_what_to_do(@TempDir Path dir) throws Exception {
        Path jdk17 = Files.createDirectories(dir.resolve("jdk-17/bin"));
        Files.writeString(jdk17.getParent().resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        Run r = run(Map.of("JAVA_HOME", jdk17.getParent().toString()));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("needs JDK 21 or newer").contains("is JDK 17").contains("set JAVA_HOME");
    }

    @Test
    void help_runs_the_hub_jar_and_leaves_no_archive(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("ponte.jsa");
        Run r = run(Distribution.dir().resolve("ponte"),
                Map.of("JAVA_HOME", javaHome(), "PONTE_CDS_ARCHIVE", archive.toString()), "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.output()).contains("usage: java -jar ponte.jar");
        assertThat(archive).doesNotExist();
    }

    @Test
    void a_symlink_to_the_launcher_finds_the_hub_beside_the_script(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("ponte"), Distribution.dir().resolve("ponte"));
        Run r = run(link, Map.of("JAVA_HOME", javaHome(), "PONTE_CDS_ARCHIVE", "off"), "--help");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("usage: java -jar ponte.jar");
    }

    @Test
    void the_archive_a_stopped_hub_wrote_serves_the_next_start(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("cache/ponte.jsa");
        Files.createDirectories(dir.resolve("data"));
        // a start that fails (a bad setting) must not leave the small archive of its few classes as the one to keep
        Run bad = run(Map.of("JAVA_HOME", javaHome(), "PONTE_CDS_ARCHIVE", archive.toString(),
                "PONTE_DATA_DIR", dir.resolve("data").toString(), "PONTE_HTTP_PORT", "abc"));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.output()).contains("PONTE_HTTP_PORT");

        ChildHub hub = new ChildHub(dir.resolve("data"), null).viaLauncher()
                .env("PONTE_CDS_ARCHIVE", archive.toString());
        hub.start();
        hub.stop();
        assertThat(Files.size(archive)).as("the archive written when the hub stopped").isGreaterThan(16_000_000L);
        assertThat(Files.readString(hub.log())).doesNotContain("ERROR").doesNotContain("already closed");

        Files.delete(hub.log());
        hub.env("PONTE_JAVA_OPTS", "-Xmx512m -Xlog:class+load=info").start();
        hub.stop();
        assertThat(Files.readString(hub.log()))
                .as("the second start loads the hub's classes from the archive")
                .contains("io.ponte.hub.Main source: shared objects file");
    }
}
