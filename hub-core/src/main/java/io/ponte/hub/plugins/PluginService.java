package io.ponte.hub.plugins;

import io.ponte.hub.storage.InstalledPluginRow;
import io.ponte.hub.storage.PluginStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugin management without restarts. An uploaded file is checked ({@link PluginCheck}) before it replaces anything,
 * stored in the database (so every node sharing it gets the plugin), written to {@code <data dir>/plugins-installed/}
 * and loaded; disabling stops a plugin (its connections pause: deliveries wait, webhooks answer 503) until it is
 * enabled. Every node applies what another node changed on its next {@link #refresh}.
 */
public final class PluginService {

    private static final Logger LOG = LoggerFactory.getLogger(PluginService.class);

    private final PluginHost host;
    private final PluginStore store;
    private final ConnectorRegistry registry;
    private final Path installDir;
    private final Clock clock;
    private final Consumer<Set<String>> reopen;
    private final long maxUploadBytes;
    // what this node applied from the database: id -> sha256 + enabled
    private final Map<String, String> applied = new ConcurrentHashMap<>();

    /**
     * @param reopen         reopens the connections of these connector types (they appeared, changed or went away)
     * @param maxUploadBytes {@code PONTE_PLUGIN_MAX_BYTES}, which also bounds what a zip may unpack to
     */
    public PluginService(PluginHost host, PluginStore store, ConnectorRegistry registry, Path dataDir, Clock clock,
                         Consumer<Set<String>> reopen, long maxUploadBytes) {
        this.host = host;
        this.store = store;
        this.registry = registry;
        this.installDir = dataDir.resolve("plugins-installed");
        this.clock = clock;
        this.reopen = reopen;
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * Installs or upgrades a plugin from an uploaded file.
     *
     * @throws IllegalArgumentException when the file is not a usable plugin (nothing changed)
     */
    public synchronized PluginInfo upload(byte[] content, String originalName) {
        String ext = originalName != null && originalName.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")
                ? ".jar" : ".zip";
        PluginCheck.Checked checked;
        try {
            checked = check(content, ext);
        } catch (IllegalArgumentException e) {
            LOG.info("plugin upload {} refused: {}", originalName, e.getMessage());
            throw e;
        }
        String sha = sha256(content);
        String fileName = checked.id() + "-" + checked.version() + ext;
        store.put(checked.id(), checked.version(), fileName, content, sha, clock.millis());
        return apply(checked.id(), fileName, sha, true);
    }

    /** Checks an upload without replacing anything: a zip's limits first, then the file in a scratch manager. */
    private PluginCheck.Checked check(byte[] content, String ext) {
        if (ext.equals(".zip")) {
            PluginArchive.checkZip(content, maxUploadBytes);
        }
        Path staged;
        try {
            staged = Files.createTempFile("ponte-upload-", ext);
            Files.write(staged, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the upload", e);
        }
        try {
            return PluginCheck.check(staged, registry);
        } finally {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }

    public synchronized PluginInfo disable(String id) {
        PluginInfo info = known(id);
        Set<String> types = types(id);
        store.setEnabled(id, info.version() == null ? "" : info.version(), info.file(), false, clock.millis());
        PluginInfo disabled = host.disable(id);
        remember(id, false);
        reopen.accept(types);
        return disabled;
    }

    public synchronized PluginInfo enable(String id) {
        PluginInfo info = known(id);
        store.setEnabled(id, info.version() == null ? "" : info.version(), info.file(), true, clock.millis());
        PluginInfo enabled = host.enable(id);
        remember(id, true);
        reopen.accept(types(id));
        return enabled;
    }

    /**
     * Removes a plugin installed through the API.
     *
     * @throws IllegalStateException for one from the plugins dir (remove its file instead)
     */
    public synchronized void delete(String id) {
        known(id);
        InstalledPluginRow row = store.get(id).filter(InstalledPluginRow::hasContent).orElseThrow(() ->
                new IllegalStateException("plugin " + id + " comes from the plugins dir: remove its file there (or "
                        + "disable it)"));
        Set<String> types = types(id);
        host.remove(id);
        store.delete(id);
        applied.remove(id);
        deleteFile(installDir.resolve(row.fileName()));
        reopen.accept(types);
    }

    /** Loads what the database holds and this node has not applied (at start, then every few seconds). */
    public synchronized void refresh() {
        List<InstalledPluginRow> rows = store.all();
        Set<String> ids = new HashSet<>();
        for (InstalledPluginRow row : rows) {
            ids.add(row.id());
            String state = row.sha256() + ":" + row.enabled();
            if (state.equals(applied.get(row.id()))) {
                continue;
            }
            try {
                if (row.hasContent() && !applied.getOrDefault(row.id(), "").startsWith(row.sha256() + ":")) {
                    apply(row.id(), row.fileName(), row.sha256(), row.enabled());
                } else if (host.info(row.id()).isPresent()) {
                    Set<String> types = types(row.id());
                    if (row.enabled()) {
                        host.enable(row.id());
                    } else {
                        host.disable(row.id());
                    }
                    applied.put(row.id(), state);
                    reopen.accept(types.isEmpty() ? types(row.id()) : types);
                }
            } catch (RuntimeException e) {
                LOG.error("plugin {} from the database could not be applied: {}", row.id(), e.getMessage());
                applied.put(row.id(), state);
            }
        }
        for (String id : List.copyOf(applied.keySet())) {
            if (!ids.contains(id)) {
                Set<String> types = types(id);
                host.remove(id);
                applied.remove(id);
                reopen.accept(types);
            }
        }
    }

    private PluginInfo apply(String id, String fileName, String sha, boolean enabled) {
        Path file = installDir.resolve(fileName);
        try {
            Files.createDirectories(installDir);
            Files.write(file, store.content(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        Set<String> types = new HashSet<>(types(id));
        PluginInfo info = host.install(id, file);
        if (!enabled) {
            info = host.disable(id);
        }
        applied.put(id, sha + ":" + enabled);
        types.addAll(info.connectors());
        reopen.accept(types);
        LOG.info("plugin {} {} installed ({})", id, info.version(), info.state());
        return info;
    }

    private void remember(String id, boolean enabled) {
        store.get(id).ifPresent(r -> applied.put(id, r.sha256() + ":" + enabled));
    }

    private PluginInfo known(String id) {
        return host.info(id).orElseThrow(() -> new io.ponte.hub.errors.NotFoundException("plugin", id));
    }

    private Set<String> types(String id) {
        Set<String> types = new HashSet<>(host.info(id).map(PluginInfo::connectors).orElse(List.of()));
        registry.all().stream().filter(c -> c.pluginId().equals(id)).forEach(c -> types.add(c.type()));
        return types;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }
}
