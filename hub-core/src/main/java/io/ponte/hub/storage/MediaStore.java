package io.ponte.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where inbound media are kept once downloaded, one object per event: a directory of this node ({@link
 * LocalMediaStore}, the default) or an S3-compatible bucket every node shares ({@link S3MediaStore},
 * {@code PONTE_MEDIA_STORE=s3://bucket/prefix}). Media go when their event goes (retention, a deleted tenant): {@link
 * #sweep()} removes what no stored event names any more.
 */
public interface MediaStore extends AutoCloseable {

    /** What is known of a stored file. */
    record Meta(String mimeType, String fileName, long size, String sha256) {
    }

    /** The stored file's description, or empty when this event's media are not stored (yet). */
    Optional<Meta> meta(String eventId);

    /**
     * The stored bytes.
     *
     * @throws java.nio.file.NoSuchFileException when they are gone (deleted meanwhile)
     */
    InputStream open(String eventId) throws IOException;

    /**
     * Stores a checked download under the event's id, replacing what was there; takes the file over (it is moved or
     * deleted, never left behind).
     */
    void put(String eventId, Path download, Meta meta) throws IOException;

    /** A local directory for downloads in progress (checked there before {@link #put}). */
    Path scratch();

    /**
     * Deletes the media of events that are no longer stored, looking them up in batches. Never fails: what it cannot
     * delete now, the next sweep will.
     *
     * @return how many events' media were deleted
     */
    int sweep();

    /** Where the media are, for logs and errors. */
    String where();

    @Override
    default void close() {
    }

    /** The store the settings name, connected and checked. */
    static MediaStore open(io.ponte.hub.config.HubConfig config, EventStore events) {
        return config.mediaStore().s3() ? S3MediaStore.open(config.mediaStore(), config.dataDir(), events)
                : new LocalMediaStore(config.dataDir(), events);
    }
}
