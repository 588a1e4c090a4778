package io.ponte.hub.plugins;

import io.ponte.api.PluginApi;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugins in the plugins dir with PF4J, checks {@code plugin.requires} against the plugin-api version,
 * starts them and registers their connector factories. A broken plugin is logged, listed with its reason and
 * skipped; it never stops the hub.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Path pluginsDir;
    private final ConnectorRegistry registry;
    private final PluginManager manager;
    // by plugin id (by file name for a file that has none); insertion order is load order
    private final Map<String, PluginInfo> plugins = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final Map<String, Path> paths = new java.util.concurrent.ConcurrentHashMap<>();
    private final UnloadedLoaders unloaded = new UnloadedLoaders();

    public PluginHost(Path pluginsDir, ConnectorRegistry registry) {
        this.pluginsDir = pluginsDir;
        this.registry = registry;
        this.manager = new HubPluginManager(pluginsDir);
    }

    /** Loads and starts every plugin; returns how many started. */
    public int start() {
        if (!Files.isDirectory(pluginsDir)) {
            LOG.warn("plugins dir {} does not exist: no plugins loaded (set PONTE_PLUGINS_DIR)", pluginsDir);
            return 0;
        }
        for (Path path : candidates()) {
            String pluginId;
            try {
                pluginId = manager.loadPlugin(path);
            } catch (RuntimeException e) {
                fail(path.getFileName().toString(), null, path, "cannot load: " + e.getMessage(), e);
                continue;
            }
            if (pluginId == null) {
                fail(path.getFileName().toString(), null, path, "cannot load (see the log)", null);
                continue;
            }
            startPlugin(manager.getPlugin(pluginId), path);
        }
        long started = plugins().stream().filter(p -> p.state().equals("started")).count();
        LOG.info("plugins: {} started, {} not started (dir {})", started, plugins.size() - started, pluginsDir);
        return (int) started;
    }

    private List<Path> candidates() {
        // A zip is expanded by PF4J into a directory of the same name; prefer the zip so a stale directory of an
        // older zip is replaced.
        List<Path> out = new ArrayList<>();
        Set<String> zips = new HashSet<>();
        try (Stream<Path> files = Files.list(pluginsDir)) {
            List<Path> all = files.sorted().toList();
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (name.endsWith(".zip")) {
                    zips.add(name.substring(0, name.length() - 4));
                    out.add(p);
                } else if (name.endsWith(".jar")) {
                    out.add(p);
                }
            }
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && !zips.contains(name) && !name.startsWith(".")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            LOG.error("cannot list plugins dir {}", pluginsDir, e);
        }
        return out;
    }

    private void startPlugin(PluginWrapper wrapper, Path path) {
        String id = wrapper.getPluginId();
        String version = wrapper.getDescriptor().getVersion();
        if (wrapper.getPluginState() == PluginState.DISABLED) {
            boolean compatible = manager.getVersionManager()
                    .checkVersionConstraint(PluginApi.VERSION, wrapper.getDescriptor().getRequires());
            fail(id, version, path, compatible ? "disabled" : "requires plugin-api "
                    + wrapper.getDescriptor().getRequires() + " but this hub has " + PluginApi.VERSION, null);
            return;
        }
        PluginState state;
        try {
            state = manager.startPlugin(id);
        } catch (RuntimeException e) {
            fail(id, version, path, "cannot start: " + e.getMessage(), e);
            return;
        }
        if (state != PluginState.STARTED) {
            Throwable error = wrapper.getFailedException();
            fail(id, version, path, "cannot start (state " + state + ")" + (error == null ? "" : ": " + error.getMessage()),
                    error);
            return;
        }
        List<String> types = new ArrayList<>();
        List<ConnectorFactory> factories;
        try {
            factories = manager.getExtensions(ConnectorFactory.class, id);
        } catch (RuntimeException e) {
            fail(id, version, path, "cannot create its extensions: " + e.getMessage(), e);
            return;
        }
        List<String> errors = new ArrayList<>();
        for (ConnectorFactory factory : factories) {
            try {
                ConnectorDescriptor descriptor = PluginGuard.call(wrapper.getPluginClassLoader(), Map.of(),
                        Duration.ofSeconds(10), factory::descriptor);
                RegisteredConnector rc = new RegisteredConnector(factory, descriptor, id, wrapper.getPluginClassLoader());
                if (registry.register(rc)) {
                    types.add(descriptor.type());
                } else {
                    errors.add("connector type '" + descriptor.type() + "' is already provided by plugin "
                            + registry.get(descriptor.type()).map(RegisteredConnector::pluginId).orElse("?"));
                }
            } catch (RuntimeException e) {
                errors.add(factory.getClass().getName() + ".descriptor() failed: " + e.getMessage());
            }
        }
        if (types.isEmpty()) {
            String reason = errors.isEmpty()
                    ? "contributes no ConnectorFactory extension (was the PF4J annotation processor run? "
                    + "META-INF/extensions.idx is missing or empty)"
                    : String.join("; ", errors);
            try {
                manager.stopPlugin(id);
            } catch (RuntimeException ignored) {
                // already reported below
            }
            fail(id, version, path, reason, null);
            return;
        }
        plugins.put(id, new PluginInfo(id, version, "started", errors.isEmpty() ? null : String.join("; ", errors),
                List.copyOf(types), path.getFileName().toString()));
        paths.put(id, path);
        LOG.info("plugin {} {} started: connectors {}", id, version, types);
    }

    private void fail(String id, String version, Path path, String reason, Throwable error) {
        LOG.error("plugin {} ({}) skipped: {}", id, path.getFileName(), reason);
        if (error != null) {
            LOG.debug("plugin {} failure", id, error);
        }
        plugins.put(id != null ? id : path.getFileName().toString(),
                new PluginInfo(id, version, "failed", reason, List.of(), path.getFileName().toString()));
    }

    public List<PluginInfo> plugins() {
        synchronized (plugins) {
            return List.copyOf(plugins.values());
        }
    }

    public Optional<PluginInfo> info(String id) {
        return Optional.ofNullable(plugins.get(id));
    }

    /**
     * Loads and starts a plugin file in the running hub, after the plugin of the same id (an older version) is
     * stopped and unloaded. Check the file with {@link PluginCheck} first: this replaces what is loaded.
     *
     * @return the plugin's state afterwards (failed, with the reason, when it did not start)
     */
    public synchronized PluginInfo install(String id, Path file) {
        unload(id);
        plugins.remove(file.getFileName().toString());
        String loaded;
        try {
            loaded = manager.loadPlugin(file);
        } catch (RuntimeException e) {
            fail(id, null, file, "cannot load: " + e.getMessage(), e);
            return plugins.get(id);
        }
        startPlugin(manager.getPlugin(loaded), file);
        return plugins.get(loaded);
    }

    /** Stops a plugin: its connector types go away (their connections pause) until {@link #enable}. */
    public synchronized PluginInfo disable(String id) {
        PluginInfo info = Optional.ofNullable(plugins.get(id)).orElseThrow(() -> new IllegalArgumentException(
                "no plugin " + id));
        if (manager.getPlugin(id) != null && manager.getPlugin(id).getPluginState() == PluginState.STARTED) {
            manager.stopPlugin(id);
        }
        registry.unregisterPlugin(id);
        PluginInfo disabled = new PluginInfo(id, info.version(), "disabled", null, info.connectors(), info.file());
        plugins.put(id, disabled);
        return disabled;
    }

    /** Starts a disabled plugin again. */
    public synchronized PluginInfo enable(String id) {
        PluginWrapper wrapper = manager.getPlugin(id);
        if (wrapper == null) {
            throw new IllegalArgumentException("no plugin " + id);
        }
        if (wrapper.getPluginState() != PluginState.STARTED) {
            startPlugin(wrapper, paths.getOrDefault(id, wrapper.getPluginPath()));
        }
        return plugins.get(id);
    }

    /** Stops and unloads a plugin (its file stays; the caller removes it). */
    public synchronized void remove(String id) {
        unload(id);
        plugins.remove(id);
    }

    /** The class loaders of the plugins unloaded so far, until the garbage collector frees them. */
    public UnloadedLoaders unloadedLoaders() {
        return unloaded;
    }

    private void unload(String id) {
        if (manager.getPlugin(id) == null) {
            return;
        }
        try {
            ClassLoader loader = manager.getPlugin(id).getPluginClassLoader();
            if (manager.getPlugin(id).getPluginState() == PluginState.STARTED) {
                manager.stopPlugin(id);
            }
            if (manager.unloadPlugin(id)) {
                unloaded.add(loader);
            }
        } catch (RuntimeException e) {
            LOG.warn("unloading plugin {} failed: {}", id, e.getMessage());
        }
        registry.unregisterPlugin(id);
        paths.remove(id);
    }

    @Override
    public void close() {
        try {
            // PF4J 3.15's stopPlugins() can throw ConcurrentModificationException; stop one by one instead.
            List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
            java.util.Collections.reverse(started);
            for (PluginWrapper plugin : started) {
                manager.stopPlugin(plugin.getPluginId());
            }
            for (PluginWrapper plugin : new ArrayList<>(manager.getPlugins())) {
                manager.unloadPlugin(plugin.getPluginId());
            }
        } catch (RuntimeException e) {
            LOG.warn("error while stopping plugins", e);
        }
    }
}
