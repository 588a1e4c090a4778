package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;

/**
 * plugin-template/ built as an outside author builds it: a copy in a temporary directory, a Maven of its own, and the
 * io.ponte artifacts taken from a repository, not from this reactor. The repository is a temporary local one into
 * which the just-built plugin-api, plugin-kit and plugin-testkit (jar, pom, sources, javadoc) and the parent pom are
 * laid out as {@code mvn install} lays them out; every other artifact comes from the user's local repository, read as
 * a {@code file://} repository (Maven Central after it, for what the reactor itself never needed). Nothing is written
 * into the user's local repository: a stale io.ponte snapshot there would shadow the reactor's for later builds.
 */
final class TemplateBuild implements AutoCloseable {

    static final List<String> PUBLISHED = List.of("plugin-api", "plugin-kit", "plugin-testkit");

    private final Path root = Path.of(System.getProperty("ponte.root.dir", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("ponte.version", "0.1.0-SNAPSHOT");
    private final Path mvn;
    private final Path work;
    private final Path repo;
    private final Path settings;
    private final Path project;

    private TemplateBuild(Path mvn) throws IOException {
        this.mvn = mvn;
        this.work = Files.createTempDirectory("ponte-template-");
        this.repo = work.resolve("repository");
        this.settings = work.resolve("settings.xml");
        this.project = work.resolve("example-chat");
    }

    /** A build, or the test skipped when no Maven can be found. */
    static TemplateBuild prepare() throws IOException {
        Optional<Path> mvn = findMaven();
        Assumptions.assumeTrue(mvn.isPresent(), "no Maven found (ponte.maven.home, MAVEN_HOME or mvn on the PATH): "
                + "the out-of-tree template build needs one");
        TemplateBuild build = new TemplateBuild(mvn.get());
        build.publish();
        build.writeSettings();
        copyTree(build.root.resolve("plugin-template"), build.project);
        return build;
    }

    /** The template project's copy. */
    Path project() {
        return project;
    }

    /** The local repository the build resolves io.ponte from. */
    Path repository() {
        return repo;
    }

    /**
     * Runs {@code mvn -B -q <args>} in the template's copy.
     *
     * @return its combined output
     * @throws AssertionError when it fails, with the output
     */
    String mvn(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-q", "-s", settings.toString()));
        command.addAll(Arrays.asList(args));
        Path log = work.resolve("mvn-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the JDK running this test (21+): the template's enforcer and compiler need it, whatever JAVA_HOME says
        pb.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        pb.environment().remove("MAVEN_ARGS");
        Process process = pb.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the nested Maven build did not finish: " + command);
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new AssertionError("nested Maven build failed (" + command + "):\n" + output);
        }
        return output;
    }

    /** The zip the build made, {@code target/<plugin.id>-<version>.zip}. */
    Path zip(String name) {
        Path zip = project.resolve("target").resolve(name);
        assertThat(zip).as("the plugin zip").exists();
        return zip;
    }

    /** Replaces {@code from} with {@code to} once in the template copy's pom.xml (a version bump). */
    void editPom(String from, String to) throws IOException {
        Path pom = project.resolve("pom.xml");
        String text = Files.readString(pom);
        assertThat(text).contains(from);
        Files.writeString(pom, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    /** Deletes the work directory (the copy, the temporary repository: about 50 MB). */
    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The reactor's artifacts, laid out in the temporary repository as {@code mvn install} would. */
    private void publish() throws IOException {
        layOut("ponte-parent", root.resolve("pom.xml"), List.of());
        for (String artifact : PUBLISHED) {
            Path target = root.resolve(artifact).resolve("target");
            List<Path> jars = new ArrayList<>();
            for (String classifier : List.of("", "-sources", "-javadoc")) {
                Path jar = target.resolve(artifact + "-" + version + classifier + ".jar");
                assertThat(jar).as("built by the reactor before this test (mvn verify)").exists();
                jars.add(jar);
            }
            try (ZipFile javadoc = new ZipFile(jars.get(2).toFile())) {
                assertThat(javadoc.getEntry("index.html")).as(artifact + "'s javadoc jar").isNotNull();
            }
            try (ZipFile sources = new ZipFile(jars.get(1).toFile())) {
                assertThat(sources.stream().anyMatch(e -> e.getName().endsWith(".java")))
                        .as(artifact + "'s sources jar").isTrue();
            }
            layOut(artifact, root.resolve(artifact).resolve("pom.xml"), jars);
        }
    }

    private void layOut(String artifact, Path pom, List<Path> jars) throws IOException {
        Path dir = repo.resolve("io/ponte").resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        for (Path jar : jars) {
            Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void writeSettings() throws IOException {
        Path userRepo = Path.of(System.getProperty("ponte.maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath();
        String url = userRepo.toUri().toString();
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <profiles><profile><id>user-local-repository</id>
                    <repositories><repository><id>user-m2</id><url>%s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases>
                      <snapshots><enabled>false</enabled></snapshots></repository></repositories>
                    <pluginRepositories><pluginRepository><id>user-m2</id><url>%s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases>
                      <snapshots><enabled>false</enabled></snapshots></pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>user-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(repo, url, url), StandardCharsets.UTF_8);
    }

    private static Optional<Path> findMaven() {
        List<String> homes = new ArrayList<>();
        homes.add(System.getProperty("ponte.maven.home"));
        homes.add(System.getenv("MAVEN_HOME"));
        for (String home : homes) {
            if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
                return Optional.of(Path.of(home, "bin", "mvn"));
            }
        }
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(java.io.File.pathSeparator))
                .filter(p -> !p.isBlank()).map(p -> Path.of(p, "mvn")).filter(Files::isExecutable).findFirst();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path dest = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
