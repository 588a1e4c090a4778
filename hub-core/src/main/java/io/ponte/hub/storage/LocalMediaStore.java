package io.ponte.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default media store: {@code <data dir>/media/<event id>} with {@code <event id>.properties} beside it. Each node
 * keeps the files it downloaded (another node downloads its own copy when asked).
 */
public final class LocalMediaStore implements MediaStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMediaStore.class);
    private static final Pattern NAME = Pattern.compile("(evt_[0-9A-Z]{26})(\\.properties)?");
    static final int BATCH = 500;

    private final Path dir;
    private final EventStore events;

    public LocalMediaStore(Path dataDir, EventStore events) {
        this.dir = dataDir.resolve("media");
        this.events = events;
    }

    private Path file(String eventId) {
        return dir.resolve(eventId);
    }

    private Path metaFile(String eventId) {
        return dir.resolve(eventId + ".properties");
    }

    @Override
    public Optional<Meta> meta(String eventId) {
        Path meta = metaFile(eventId);
        if (!Files.exists(file(eventId)) || !Files.exists(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
            return Optional.of(new Meta(p.getProperty("mimeType"), p.getProperty("fileName"),
                    Long.parseLong(p.getProperty("size")), p.getProperty("sha256")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String eventId) throws IOException {
        return Files.newInputStream(file(eventId));
    }

    @Override
    public void put(String eventId, Path download, Meta meta) throws IOException {
        try {
            move(download, file(eventId));
            Properties p = new Properties();
            p.setProperty("mimeType", meta.mimeType());
            if (meta.fileName() != null) {
                p.setProperty("fileName", meta.fileName());
            }
            p.setProperty("size", Long.toString(meta.size()));
            p.setProperty("sha256", meta.sha256());
            Path tmp = dir.resolve(eventId + ".properties.part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, null);
            }
            move(tmp, metaFile(eventId));
        } finally {
            Files.deleteIfExists(download);
        }
    }

    @Override
    public Path scratch() {
        return dir;
    }

    @Override
    public String where() {
        return dir.toString();
    }

    @Override
    public int sweep() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        Set<String> batch = new LinkedHashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Matcher m = NAME.matcher(entry.getFileName().toString());
                if (m.matches()) {
                    batch.add(m.group(1));
                }
                if (batch.size() >= BATCH) {
                    deleted += deleteGone(batch);
                    batch.clear();
                }
            }
            deleted += deleteGone(batch);
        } catch (IOException | RuntimeException e) {
            LOG.warn("sweeping the media of deleted events from {} failed: {}", dir, e.getMessage());
        }
        return deleted;
    }

    private int deleteGone(Set<String> ids) throws IOException {
        int deleted = 0;
        for (String id : gone(events, ids)) {
            boolean file = Files.deleteIfExists(file(id));
            boolean meta = Files.deleteIfExists(metaFile(id));
            deleted += file || meta ? 1 : 0;
        }
        return deleted;
    }

    /** Those of {@code ids} whose event is no longer stored. */
    static List<String> gone(EventStore events, Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> gone = new ArrayList<>(ids);
        gone.removeAll(events.existing(gone));
        return gone;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
