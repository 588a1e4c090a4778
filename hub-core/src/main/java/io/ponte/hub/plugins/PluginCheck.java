package io.ponte.hub.plugins;

import io.ponte.api.PluginApi;
import io.ponte.hub.observability.QuietPluginChecks;
import io.ponte.api.connector.ConnectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.MDC;

/**
 * Validates a plugin file before it replaces anything: in a scratch plugin manager of its own it must load (a PF4J
 * descriptor with a sane id and version), accept this hub's plugin-api version, start, and contribute connector
 * types no other plugin provides. Then the scratch manager is stopped and thrown away.
 */
public final class PluginCheck {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");

    /** A file that passed: its id, version and connector types. */
    public record Checked(String id, String version, List<String> types) {
    }

    private PluginCheck() {
    }

    /**
     * @throws IllegalArgumentException with the reason, for a 400
     */
    public static Checked check(Path file, ConnectorRegistry registry) {
        Path dir;
        try {
            dir = Files.createTempDirectory("ponte-plugin-check-");
            Files.copy(file, dir.resolve(file.getFileName()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot stage the plugin file for checking", e);
        }
        DefaultPluginManager scratch = new HubPluginManager(dir);
        String id = null;
        // what PF4J logs about this file describes the caller's mistake, which the 400 carries
        try (MDC.MDCCloseable quiet = MDC.putCloseable(QuietPluginChecks.MDC_KEY, file.getFileName().toString())) {
            try {
                id = scratch.loadPlugin(dir.resolve(file.getFileName()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a loadable PF4J plugin (a zip with plugin.properties and "
                        + "lib/, or a jar with a plugin manifest): " + explain(e, dir));
            }
            PluginWrapper w = scratch.getPlugin(id);
            String version = w.getDescriptor().getVersion();
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("plugin id '" + id + "' is not kebab-case");
            }
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("plugin version '" + version + "' is not a SemVer version");
            }
            if (w.getPluginState() == PluginState.DISABLED) {
                throw new IllegalArgumentException("plugin " + id + " requires plugin-api "
                        + w.getDescriptor().getRequires() + " but this hub has " + PluginApi.VERSION);
            }
            PluginState state = scratch.startPlugin(id);
            if (state != PluginState.STARTED) {
                Throwable why = w.getFailedException();
                throw new IllegalArgumentException("plugin " + id + " does not start" + (why == null ? ""
                        : ": " + why.getMessage()));
            }
            List<String> types = new ArrayList<>();
            for (ConnectorFactory f : scratch.getExtensions(ConnectorFactory.class, id)) {
                String type = PluginGuard.call(w.getPluginClassLoader(), Map.of(), Duration.ofSeconds(10),
                        () -> f.descriptor().type());
                registry.get(type).filter(other -> !other.pluginId().equals(w.getPluginId())).ifPresent(other -> {
                    throw new IllegalArgumentException("connector type '" + type + "' is already provided by plugin "
                            + other.pluginId());
                });
                types.add(type);
            }
            if (types.isEmpty()) {
                throw new IllegalArgumentException("plugin " + id + " contributes no ConnectorFactory extension (was "
                        + "the PF4J annotation processor run? META-INF/extensions.idx is missing or empty)");
            }
            return new Checked(id, version, List.copyOf(types));
        } finally {
            if (id != null) {
                try {
                    scratch.stopPlugin(id);
                    scratch.unloadPlugin(id);
                } catch (RuntimeException ignored) {
                    // a scratch manager; nothing of it is kept
                }
            }
            deleteTree(dir);
        }
    }

    /** PF4J's reason, without the scratch paths it names. */
    private static String explain(RuntimeException e, Path dir) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("No PluginDescriptorFinder")) {
            return "found neither plugin.properties nor a manifest with Plugin-Id and Plugin-Version";
        }
        return message.replace(dir + java.io.File.separator, "").replace(dir.toString(), "");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // temp files; the OS cleans up what is left
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
