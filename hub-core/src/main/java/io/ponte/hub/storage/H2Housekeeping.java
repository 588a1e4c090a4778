package io.ponte.hub.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compaction H2 does on its background writer thread, which {@code WRITE_DELAY=0} turns off with it.
 *
 * <p>H2 appends every commit to its file as a new chunk and reuses a chunk's space only once none of its pages is
 * live any more (and 45 s have passed, its retention time). Under a steady load most of a chunk dies within seconds
 * (the paths the next commits rewrite), but a few pages stay live for good (a leaf that filled up, an index page no
 * later commit touches), so without moving those the file grew by every byte every commit wrote: measured about
 * 100 KB a message at 50 and at 500 messages a second, 17 GB in eight minutes at 500 (BENCHMARKS.md, session 32).
 * H2 moves them from its background thread, which it starts only for a non-zero write delay; the hub needs
 * {@code WRITE_DELAY=0} (a commit is on disk before the webhook's 2xx), so it runs that step itself, through H2's
 * public {@link MVStore#compact}: once the hub has made enough commits to earn {@link #STEP_BYTES} at
 * {@link #BYTES_PER_COMMIT} each, H2 moves that many live bytes out of the sparsest chunks older than its retention
 * time into a new chunk, which frees the old ones. The file then takes the live data plus the chunks waiting out
 * their retention (about 45 to 90 s of writes).
 *
 * <p>Why whole 1 MB steps rather than a little every 200 ms: every page H2 moves is written with its path to the
 * map's root, and the next commits rewrite those paths, so a step that moves few pages writes a chunk that is soon
 * half dead or more, to be compacted again (measured at 60 messages a second: the chunks that hold the data stayed
 * 30 to 50 % full with steps of 100 to 200 KB, about 60 % with steps of 1 MB; BENCHMARKS.md, session 33).
 */
public final class H2Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2Housekeeping.class);

    /** Compact while less than this share (%) of all chunks' bytes is live (H2's own threshold under load: 62). */
    static final int TARGET_FILL_RATE = 60;
    /**
     * Live bytes earned per commit the hub made since the last step: a budget that follows the write load, about
     * three times the new rows a message commits, so compaction keeps up without rewriting the same pages over
     * and over (measured: a fixed 5 MB a second at 50 messages a second moved as many bytes as the messages wrote).
     */
    static final int BYTES_PER_COMMIT = 8 * 1024;
    /**
     * Live bytes one step moves, taken once earned (128 commits): large enough that the pages moved, not their paths
     * to the roots, fill the chunk it writes; small enough to bound how long a step holds H2's store lock.
     */
    static final int STEP_BYTES = 1024 * 1024;
    /**
     * How often the thread looks whether a step is earned. Measured at 500 req/s (BENCHMARKS.md, session 32): steps
     * every 50 ms, four times the commits of their own, cost the saturated closed loop 11 %.
     */
    static final long PERIOD_MS = 200;

    private final MVStore store;
    private final Thread thread;
    private volatile boolean running = true;
    private long seenVersion;
    private long credit;
    private final java.util.concurrent.atomic.AtomicLong steps = new java.util.concurrent.atomic.AtomicLong();

    private H2Housekeeping(MVStore store) {
        this.store = store;
        this.thread = Thread.ofPlatform().daemon().name("h2-housekeeping").unstarted(this::run);
    }

    /**
     * Starts compacting the H2 database {@code dataSource} opens, or returns null when it is not one this process
     * holds (an H2 server's database, reached over TCP, is compacted by that server).
     */
    static H2Housekeeping start(DataSource dataSource) {
        MVStore store;
        try (Connection c = dataSource.getConnection()) {
            if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                LOG.info("H2 runs in another process: its compaction is that process's");
                return null;
            }
            store = session.getDatabase().getStore().getMvStore();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach H2's store to compact it", e);
        }
        H2Housekeeping h = new H2Housekeeping(store);
        h.seenVersion = store.getCurrentVersion();
        if (store.getFileStore() != null) {
            h.thread.start();
        }
        return h;
    }

    private void run() {
        while (true) {
            synchronized (this) {
                long until = System.nanoTime() + PERIOD_MS * 1_000_000;
                for (long left = PERIOD_MS; running && left > 0; left = (until - System.nanoTime()) / 1_000_000) {
                    try {
                        wait(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (!running || store.isClosed()) {
                return;
            }
            try {
                step();
            } catch (RuntimeException e) {
                if (!running || store.isClosed()) {
                    return;
                }
                LOG.warn("H2 compaction step failed; the next one tries again", e);
            }
        }
    }

    /**
     * One step: earns {@link #BYTES_PER_COMMIT} for each commit since the last one and, once that reaches
     * {@link #STEP_BYTES}, lets H2 move that many live bytes out of its sparsest chunks older than its retention
     * time, then commits them. Whether it moved any.
     */
    synchronized boolean step() {
        long version = store.getCurrentVersion();
        credit = Math.min(STEP_BYTES, credit + Math.max(0, version - seenVersion) * BYTES_PER_COMMIT);
        seenVersion = version;
        if (credit < STEP_BYTES) {
            return false;
        }
        boolean moved = store.compact(TARGET_FILL_RATE, STEP_BYTES);
        credit = 0;
        if (moved) {
            store.commit();
            seenVersion = store.getCurrentVersion(); // its own commit earns nothing
            steps.incrementAndGet();
        }
        return moved;
    }

    MVStore store() {
        return store;
    }

    /** The database file's size in bytes (0 for an in-memory database). */
    public long fileBytes() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }

    /** The share of the chunks' bytes that live pages hold, 0 to 1: what compaction raises. */
    public double liveRatio() {
        return store.getFileStore() == null ? 1 : store.getFileStore().getChunksFillRate() / 100.0;
    }

    /** The share of the file its chunks occupy, 0 to 1; the rest is free space the next chunks take. */
    public double fileFillRatio() {
        return store.getFileStore() == null ? 1 : store.getFillRate() / 100.0;
    }

    /** Chunks in the file, live ones and those waiting for their retention time to pass. */
    public long chunks() {
        if (store.getFileStore() == null) {
            return 0;
        }
        long[] count = {0};
        store.getFileStore().populateInfo((k, v) -> {
            if (k.equals("info.CHUNK_COUNT")) {
                count[0] = Long.parseLong(v);
            }
        });
        return count[0];
    }

    /** Compaction steps that moved pages since start. */
    public long steps() {
        return steps.get();
    }

    /** What {@link #compactFile} did: the file's size before and after. */
    public record Compacted(java.nio.file.Path file, long bytesBefore, long bytesAfter) {
    }

    /**
     * {@code java -jar ponte.jar compact-database}: rewrites the hub's H2 file with only its live pages (H2's
     * {@code SHUTDOWN COMPACT}), giving back the space a file keeps once it grew (compaction while running reuses
     * that space but never shrinks the file). The hub must be stopped: H2 lets one process open the file.
     *
     * @throws IllegalStateException when the hub's database is not an H2 file, or is open in another process
     */
    public static Compacted compactFile(io.ponte.hub.config.HubConfig config) {
        if (!config.isH2()) {
            throw new IllegalStateException("the hub's database is PostgreSQL: its space is autovacuum's (or VACUUM "
                    + "FULL's) to give back, not this command's");
        }
        String url = Database.h2Url(config.dbUrl());
        java.nio.file.Path file;
        long before;
        try (Connection c = java.sql.DriverManager.getConnection(url + ";IFEXISTS=TRUE", config.dbUser(),
                config.dbPassword())) {
            if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                    || session.getDatabase().getDatabasePath() == null) {
                throw new IllegalStateException("the hub's H2 database is not a file this process can open ("
                        + Database.location(config.dbUrl()) + ")");
            }
            file = java.nio.file.Path.of(session.getDatabase().getDatabasePath() + ".mv.db");
            before = java.nio.file.Files.size(file);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new IllegalStateException("the database is open in another process: stop the hub first", e);
            }
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
                throw new IllegalStateException("there is no database at " + Database.location(config.dbUrl())
                        + " (is PONTE_DATA_DIR or PONTE_DB_URL the hub's?)", e);
            }
            throw new IllegalStateException("compacting failed: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            return new Compacted(file, before, java.nio.file.Files.size(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Stops after the step under way, if any. Never by interrupting the thread: an interrupt during a read or write
     * of H2's file closes its channel, and H2 with it.
     */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
