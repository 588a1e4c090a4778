package io.ponte.hub.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where inbound media are kept: {@code <data dir>/media/<event id>} with {@code <event id>.properties} beside it. Each
 * node keeps the files it downloaded; they go when their event goes (retention, a deleted tenant).
 */
public final class MediaFiles {

    private static final Logger LOG = LoggerFactory.getLogger(MediaFiles.class);
    private static final Pattern NAME = Pattern.compile("(evt_[0-9A-Z]{26})(\\.properties)?");
    private static final int BATCH = 500;

    private final Path dir;
    private final EventStore events;

    public MediaFiles(Path dataDir, EventStore events) {
        this.dir = dataDir.resolve("media");
        this.events = events;
    }

    public Path dir() {
        return dir;
    }

    /** The media file of an event. */
    public Path file(String eventId) {
        return dir.resolve(eventId);
    }

    /** What is known of it: MIME type, name, size, SHA-256. */
    public Path meta(String eventId) {
        return dir.resolve(eventId + ".properties");
    }

    /**
     * Deletes the files of events that are no longer stored, looking them up in batches. Never fails: what it cannot
     * delete now, the next sweep will.
     *
     * @return how many events' files were deleted
     */
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
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> gone = new ArrayList<>(ids);
        gone.removeAll(events.existing(gone));
        int deleted = 0;
        for (String id : gone) {
            boolean file = Files.deleteIfExists(file(id));
            boolean meta = Files.deleteIfExists(meta(id));
            deleted += file || meta ? 1 : 0;
        }
        return deleted;
    }
}
