package io.ponte.hub.ingress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's journal: requests answered before their group commit are first appended here, in the order the
 * writer will commit them. One thread writes whatever is waiting with one gathering write to the current segment
 * file, handed to the operating system as H2's own commits are ({@code WRITE_DELAY=0}, no fsync): a {@code kill -9}
 * after the answer loses nothing, a power cut is what it is for H2 too. A segment is deleted once every request in
 * it is committed to the tables; at start {@link #read} gives back whatever is left, to be stored again (the rows
 * carry their ids, so storing an already committed request again changes nothing).
 *
 * <p>A record on disk: its payload's length (4 bytes), the payload's CRC-32C (4 bytes), the payload
 * ({@link JournalCodec}). A record cut short or failing its CRC at the end of the last segment is a write the crash
 * interrupted, never answered: reading stops there.
 */
final class InboxJournal {

    private static final Logger LOG = LoggerFactory.getLogger(InboxJournal.class);
    static final String SUFFIX = ".journal";
    /** A segment past this size is closed and a new one started, so committed ones can be deleted whole. */
    static final long SEGMENT_BYTES = 4L << 20;
    /**
     * Nor does a segment stay open longer than this: a replay then stores again at most about a second of requests
     * already stored, never rows that retention, a deleted tenant or connection removed since.
     */
    static final long MAX_SEGMENT_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int HEADER = 8;

    private record Write(long seq, byte[] payload, CompletableFuture<Void> written) {
    }

    private record Segment(Path path, long lastSeq) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Deque<Segment> closed = new ArrayDeque<>(); // guarded by itself
    private final Thread thread;
    private volatile boolean running = true;
    private FileChannel channel; // the journal thread's
    private Path current;
    private long currentBytes;
    private long currentLast;
    private long opened;
    private volatile long committed;

    /** Opens an empty journal in {@code dir} (created if absent; what {@link #read} returned must be stored first). */
    InboxJournal(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the inbox journal's directory " + dir, e);
        }
        this.thread = Thread.ofPlatform().name("inbox-journal").daemon(true).start(this::run);
    }

    /**
     * Queues a request's record; completes once it is written to the file (exceptionally if it could not be: then
     * the request must wait for its commit instead). Calls must come in the order of {@code seq}.
     */
    CompletableFuture<Void> append(long seq, byte[] payload) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!running) {
            written.completeExceptionally(new IllegalStateException("the journal is closed"));
            return written;
        }
        queue.add(new Write(seq, payload, written));
        return written;
    }

    /** Everything up to {@code seq} is in the tables: deletes the closed segments that hold nothing later. */
    void committedThrough(long seq) {
        committed = Math.max(committed, seq);
        deleteCommitted();
    }

    private void deleteCommitted() {
        long through = committed;
        List<Path> gone = new ArrayList<>();
        synchronized (closed) {
            while (!closed.isEmpty() && closed.peekFirst().lastSeq() <= through) {
                gone.add(closed.pollFirst().path());
            }
        }
        for (Path p : gone) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("cannot delete the committed journal segment {}: {}", p, e.toString());
            }
        }
    }

    private void run() {
        List<Write> writes = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Write first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (channel != null && currentLast <= committed) {
                        closeSegment(); // idle and all stored: no file is left to replay
                        deleteCommitted();
                    }
                    continue;
                }
                writes.add(first);
                queue.drainTo(writes);
                write(writes);
                writes.forEach(w -> w.written().complete(null));
            } catch (InterruptedException e) {
                // closing: the loop drains what is queued
            } catch (IOException | RuntimeException e) {
                LOG.error("the inbox journal cannot write ({}): requests wait for their commit until it can",
                        e.toString());
                writes.forEach(w -> w.written().completeExceptionally(e));
                if (channel != null) {
                    closeSegment(); // the next write starts a new segment after what this one may have left
                }
            } finally {
                writes.clear();
            }
        }
    }

    private void write(List<Write> writes) throws IOException {
        if (channel == null) {
            current = dir.resolve("%020d%s".formatted(writes.getFirst().seq(), SUFFIX));
            channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            currentBytes = 0;
            opened = System.nanoTime();
        }
        ByteBuffer[] buffers = new ByteBuffer[writes.size() * 2];
        long total = 0;
        CRC32C crc = new CRC32C();
        for (int i = 0; i < writes.size(); i++) {
            byte[] payload = writes.get(i).payload();
            crc.reset();
            crc.update(payload);
            buffers[2 * i] = ByteBuffer.allocate(HEADER).putInt(payload.length).putInt((int) crc.getValue()).flip();
            buffers[2 * i + 1] = ByteBuffer.wrap(payload);
            total += HEADER + payload.length;
        }
        long done = 0;
        while (done < total) {
            done += channel.write(buffers);
        }
        currentBytes += total;
        currentLast = writes.getLast().seq();
        if (currentBytes >= segmentBytes || System.nanoTime() - opened >= MAX_SEGMENT_AGE_NANOS) {
            closeSegment();
        }
    }

    /** Closes the current segment (after a failed write, what it holds is still read up to the failed part). */
    private void closeSegment() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing the inbox journal segment {}: {}", current, e.toString());
        }
        channel = null;
        synchronized (closed) {
            closed.addLast(new Segment(current, currentLast));
        }
    }

    /**
     * Stops writing (what is queued is written first). With {@code committed} (every appended request is in the
     * tables), deletes the journal's files; else keeps them for the next start.
     */
    void close(boolean committed) {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (channel != null) {
            closeSegment();
        }
        if (committed) {
            committedThrough(Long.MAX_VALUE);
        } else {
            LOG.warn("the inbox journal in {} holds requests not yet stored: the next start stores them", dir);
        }
    }

    /** The payloads of every record in {@code dir}'s segments, oldest first; then {@link #clear} once stored. */
    static List<byte[]> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> segments = segments(dir);
        List<byte[]> records = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            Path segment = segments.get(s);
            byte[] all;
            try {
                all = Files.readAllBytes(segment);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the inbox journal segment " + segment, e);
            }
            ByteBuffer buf = ByteBuffer.wrap(all);
            CRC32C crc = new CRC32C();
            while (buf.remaining() > 0) {
                if (buf.remaining() < HEADER) {
                    LOG.warn("{}: the last {} bytes are a record cut short (a write the crash interrupted, never "
                            + "answered)", segment, buf.remaining());
                    break;
                }
                int length = buf.getInt();
                int sum = buf.getInt();
                if (length < 0 || length > buf.remaining()) {
                    LOG.warn("{}: a record of {} bytes where {} are left (a write the crash interrupted, never "
                            + "answered)", segment, length, buf.remaining());
                    break;
                }
                byte[] payload = new byte[length];
                buf.get(payload);
                crc.reset();
                crc.update(payload);
                if ((int) crc.getValue() != sum) {
                    LOG.warn("{}: a record fails its checksum at byte {}; the rest of this segment is skipped",
                            segment, buf.position() - length - HEADER);
                    break;
                }
                records.add(payload);
            }
        }
        return records;
    }

    /** Deletes every segment in {@code dir} (their content is stored). */
    static void clear(Path dir) {
        for (Path p : segments(dir)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the stored journal segment " + p, e);
            }
        }
    }

    private static List<Path> segments(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inbox journal in " + dir, e);
        }
    }
}
