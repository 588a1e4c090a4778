package io.ponte.hub.ingress;

import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.storage.Alongside;
import io.ponte.hub.storage.EventStore.NewEvent;
import io.ponte.hub.storage.EventStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the inbox. Request threads hand in their events; one writer thread takes everything waiting (up
 * to the batch size) and stores it in one transaction. Under load many requests share each commit, so durability
 * costs one write per batch, not one per request.
 *
 * <p>With a journal (H2), a request is answered as soon as its events are appended to the {@link InboxJournal}
 * while the writer keeps up (fewer than {@link #EARLY_BELOW} events queued): a few hundred bytes written to a file
 * instead of a B-tree commit that rewrites some 85 pages, so a webhook no longer waits for the group commit before
 * it (BENCHMARKS.md, session 36: p99 at 500 req/s 9–14 ms instead of 27–34 ms). The writer commits those
 * requests behind, retrying until it can (they were answered); what a crash leaves in the journal is stored again at
 * the next start. Whether each event is new is then decided before the answer (the events in flight, then an
 * index seek per dedupe key). Behind that, or without a journal, a request waits for its commit.
 */
public final class Inbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    /**
     * Requests are answered from the journal while fewer events than this wait for the writer; beyond it they wait
     * for their commit, which keeps a saturated hub from taking requests faster than it stores them. Measured
     * (session 36): with 100 the closed loop was 20–26 % slower (more requests paying the journal and the dedupe read
     * while the writer is the bottleneck); 16 and 32 ran the closed loop as without a journal, and at 1,000 req/s 32
     * gave p99 7–10 ms where 16 gave 12–72 ms (more requests found 16 waiting and waited for their commit). A bound
     * of 512 while the writer was busy less than 95 % of the last half second (session 37) measured no better tail and
     * lost up to a fifth of the closed loop.
     */
    static final int EARLY_BELOW = 32;

    /**
     * A group smaller than this whose requests were all answered from the journal waits up to the gather time for
     * more before its commit (nobody waits for it): at moderate rates each commit otherwise holds one or two events
     * and costs the writer a whole B-tree commit each.
     */
    static final int GATHER_BELOW = 64;

    /**
     * A request's events, or (events empty) a piece of someone else's storage work to commit alongside.
     *
     * @param seq     the order requests were handed in (0: work alongside)
     * @param record  the request's journal record when it was answered from the journal (else null)
     * @param claimed the dedupe keys it holds in {@link #inFlight} until its commit
     */
    private record Pending(List<NewEvent> events, CompletableFuture<boolean[]> done, Alongside<?> work, long seq,
                           byte[] record, List<String> claimed) {
        boolean early() {
            return record != null;
        }
    }

    private final EventStore store;
    private final int maxBatch;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Runnable afterCommit;
    private final Committed committed;
    private volatile boolean running = true;
    private final InboxJournal journal; // null: every request waits for its commit
    private final java.nio.file.Path journalDir;
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Object order = new Object();
    private final Object storedSignal = new Object();
    private long handedIn; // guarded by order
    private volatile long lastEarly; // the seq of the last request answered from the journal
    private volatile long stored; // every request up to this seq is committed (or refused)
    private volatile boolean stranded; // a request answered from the journal was left uncommitted: keep the journal
    private volatile boolean retrying; // the writer retries a failed commit: reads do not wait for it
    private final LongAdder answeredFromJournal = new LongAdder();
    private final LongAdder answeredAtCommit = new LongAdder();
    private final long gatherNanos;
    private Pending carried; // writer thread only: taken from the queue while gathering, first of the next group
    // every request from append until its commit ended, oldest first: what the change feed must not read past
    private final java.util.Queue<Pending> uncommitted = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Told of every group commit that succeeded: how long it took and how many events it stored. */
    @FunctionalInterface
    public interface Committed {
        void commit(long nanos, int events);
    }

    /**
     * @param afterCommit called after every commit that stored at least one delivery (wakes the dispatcher)
     * @param committed   told of every successful group commit, on the writer thread (metrics: keep it cheap)
     */
    public Inbox(EventStore store, int maxBatch, Runnable afterCommit, Committed committed) {
        this(store, maxBatch, afterCommit, committed, null, false, java.time.Duration.ZERO);
    }

    /**
     * @param journalDir where the journal lives (null: none); what a crash left there is stored before this returns,
     *                   also when this run does not answer from it (the setting was turned off after the crash)
     * @param answerEarly whether requests are answered from the journal (else only the leftover is stored)
     * @param gather      how long a small group of requests answered from the journal waits for more before its
     *                    commit (zero: none)
     * @throws RuntimeException when a journal left by a crash cannot be stored (it is kept for the next start)
     */
    public Inbox(EventStore store, int maxBatch, Runnable afterCommit, Committed committed,
                 java.nio.file.Path journalDir, boolean answerEarly, java.time.Duration gather) {
        this.gatherNanos = gather.toNanos();
        this.committed = committed;
        this.store = store;
        this.maxBatch = maxBatch;
        // enough for bursts many batches deep; beyond it the database is not keeping up and waiting only adds
        // memory and latency, so callers are told to retry (503 + Retry-After) instead
        this.maxQueued = maxBatch * 20;
        this.afterCommit = afterCommit;
        this.journalDir = journalDir;
        if (journalDir != null) {
            replay(journalDir);
        }
        this.journal = journalDir != null && answerEarly ? new InboxJournal(journalDir, InboxJournal.SEGMENT_BYTES)
                : null;
        this.writer = Thread.ofPlatform().name("inbox-writer").daemon(true).start(this::run);
    }

    /** Stores what a crash left in the journal (already stored events are skipped by their ids), then clears it. */
    private void replay(java.nio.file.Path dir) {
        List<byte[]> records = InboxJournal.read(dir); // none when the directory does not exist
        if (!records.isEmpty()) {
            List<List<NewEvent>> requests;
            try {
                requests = records.stream().map(JournalCodec::decode).toList();
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cannot read the inbox journal left by the last run in " + dir + ": "
                        + e.getMessage() + ". Start the hub version that wrote it once, or move " + dir
                        + " aside to start without it (the requests it holds were answered and are then lost)", e);
            }
            int[] counts = new int[2];
            for (int from = 0; from < requests.size(); ) {
                int to = from;
                int size = 0;
                while (to < requests.size() && (to == from || size + requests.get(to).size() <= maxBatch)) {
                    size += requests.get(to++).size();
                }
                storeReplayed(records.subList(from, to), requests.subList(from, to), counts);
                from = to;
            }
            LOG.info("stored the inbox journal left by the last run: {} requests, {} events new, {} already stored",
                    requests.size(), counts[0], counts[1]);
        }
        InboxJournal.clear(dir);
    }

    private void storeReplayed(List<byte[]> records, List<List<NewEvent>> requests, int[] counts) {
        List<NewEvent> all = new ArrayList<>();
        requests.forEach(all::addAll);
        try {
            for (boolean b : store.append(all)) {
                counts[b ? 0 : 1]++;
            }
        } catch (RuntimeException e) {
            if (!refusedValue(e)) {
                throw new IllegalStateException("cannot store the inbox journal left by the last run ("
                        + firstLine(e) + "); it is kept in " + journalDir + " for the next start", e);
            }
            if (requests.size() == 1) {
                refused(records.getFirst(), e);
                return;
            }
            int half = requests.size() / 2;
            storeReplayed(records.subList(0, half), requests.subList(0, half), counts);
            storeReplayed(records.subList(half, records.size()), requests.subList(half, requests.size()), counts);
        }
    }

    /**
     * An answered request the store refuses a value of (values are checked before they are answered, so this is a
     * defect): kept beside the journal for an operator, never stored again by itself.
     */
    private void refused(byte[] record, RuntimeException e) {
        java.nio.file.Path file = journalDir.resolve("refused-" + System.currentTimeMillis() + "-"
                + java.util.UUID.randomUUID() + ".record");
        try {
            java.nio.file.Files.write(file, record);
        } catch (java.io.IOException io) {
            LOG.error("cannot keep the refused journal record in {}: {}", file, io.toString());
        }
        LOG.error("the store refused a value of a request already answered ({}); its record is kept in {}",
                firstLine(e), file);
    }

    /**
     * Queues events for the next commit.
     *
     * @return completes with, per event, whether it was new (false: a duplicate), once committed; completes
     *         exceptionally if the commit failed (then nothing of these events is stored): with a
     *         {@link ValidationException} when the store refused a value of these events (the events of other
     *         callers that shared the commit are stored all the same), else with the storage error
     * @throws UnavailableException when the inbox holds too much already (the database is not keeping up)
     */
    public CompletableFuture<boolean[]> append(List<NewEvent> events) {
        CompletableFuture<boolean[]> done = new CompletableFuture<>();
        if (events.isEmpty()) {
            done.complete(new boolean[0]);
            return done;
        }
        if (!running) {
            done.completeExceptionally(new IllegalStateException("the hub is shutting down"));
            return done;
        }
        int ahead = queued.addAndGet(events.size()) - events.size();
        if (ahead + events.size() > maxQueued && ahead > 0) {
            queued.addAndGet(-events.size());
            throw new UnavailableException("the hub's inbox is full (the database is not keeping up); retry shortly");
        }
        if (journal != null && ahead < EARLY_BELOW) {
            CompletableFuture<boolean[]> answered = early(events, done);
            if (answered != null) {
                return answered;
            }
        }
        synchronized (order) {
            if (!running) {
                queued.addAndGet(-events.size());
                done.completeExceptionally(new IllegalStateException("the hub is shutting down"));
                return done;
            }
            Pending pending = new Pending(events, done, null, ++handedIn, null, List.of());
            uncommitted.add(pending);
            queue.add(pending);
        }
        answeredAtCommit.increment();
        return done;
    }

    /**
     * Answers from the journal: decides which events are new, appends the request's record and completes once it
     * is written (if that fails, once its commit ended, as without a journal). Null when it cannot decide (the
     * dedupe read failed): then the request waits for its commit.
     */
    private CompletableFuture<boolean[]> early(List<NewEvent> events, CompletableFuture<boolean[]> done) {
        byte[] record = JournalCodec.encode(events);
        List<String> claimed = new ArrayList<>();
        boolean[] fresh;
        try {
            fresh = claim(events, claimed);
        } catch (RuntimeException e) {
            claimed.forEach(inFlight::remove);
            LOG.debug("the dedupe read failed ({}): the request waits for its commit", e.toString());
            return null;
        }
        CompletableFuture<Void> written;
        synchronized (order) {
            if (!running) {
                claimed.forEach(inFlight::remove);
                queued.addAndGet(-events.size());
                done.completeExceptionally(new IllegalStateException("the hub is shutting down"));
                return done;
            }
            Pending pending = new Pending(events, done, null, ++handedIn, record, claimed);
            uncommitted.add(pending);
            queue.add(pending);
            written = journal.append(pending.seq(), record);
            lastEarly = pending.seq();
        }
        return written.handle((ok, failed) -> {
            (failed == null ? answeredFromJournal : answeredAtCommit).increment();
            return failed == null ? CompletableFuture.completedFuture(fresh) : done;
        }).thenCompose(f -> f);
    }

    /**
     * Which events are new: not held by another request answered from the journal and not committed yet (their
     * keys are claimed in {@link #inFlight} until this request's commit), nor stored (a seek per key).
     */
    private boolean[] claim(List<NewEvent> events, List<String> claimed) {
        boolean[] fresh = new boolean[events.size()];
        java.util.Map<String, java.util.Map<String, Integer>> byConnection = new java.util.HashMap<>(2);
        for (int i = 0; i < events.size(); i++) {
            io.ponte.hub.storage.EventRow e = events.get(i).event();
            if (e.externalId() == null) {
                fresh[i] = true; // nothing to be a duplicate of
                continue;
            }
            String key = e.connectionId() + '\n' + e.externalId();
            if (inFlight.putIfAbsent(key, Boolean.TRUE) == null) {
                claimed.add(key);
                fresh[i] = true;
                byConnection.computeIfAbsent(e.connectionId(), c -> new java.util.HashMap<>())
                        .put(e.externalId(), i);
            }
        }
        byConnection.forEach((connection, ids) -> {
            for (String present : store.storedExternalIds(connection, ids.keySet())) {
                fresh[ids.get(present)] = false;
            }
        });
        return fresh;
    }

    /**
     * Commits {@code work} in the next group commit, with the events waiting then (or alone when none are), and
     * returns once it committed (an {@link Alongside.Committer}: the dispatcher's cycles on H2). If the shared
     * commit fails, the events are committed again without the work, and this throws.
     *
     * @throws IllegalStateException when the inbox is stopping
     */
    public void alongside(Alongside<?> work) {
        if (!running) {
            throw new IllegalStateException("the hub is shutting down");
        }
        CompletableFuture<boolean[]> done = new CompletableFuture<>();
        queue.add(new Pending(List.of(), done, work, 0, null, List.of()));
        try {
            done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Requests answered once appended to the journal, and requests that waited for their commit (no journal, more
     * events waiting than the bound, or the journal's write or the dedupe read failed), since start.
     */
    public long answeredFromJournal() {
        return answeredFromJournal.sum();
    }

    /** @see #answeredFromJournal() */
    public long answeredAtCommit() {
        return answeredAtCommit.sum();
    }

    /** Whether the writer is retrying a commit that failed (the database refuses writes): nothing is stored now. */
    public boolean retrying() {
        return retrying;
    }

    /** Whether the writer still takes work. */
    public boolean running() {
        return running;
    }

    /**
     * Waits until every request answered from the journal so far is committed, so that a read made after a
     * webhook's answer sees what it stored (the admin API calls this before each of its requests; without a journal,
     * or with nothing answered ahead of its commit, it returns at once).
     *
     * @return false when that took longer than {@code timeoutMillis}, or the writer is retrying a failed commit
     */
    public boolean awaitStored(long timeoutMillis) {
        long target = lastEarly;
        if (stored >= target) {
            return true;
        }
        if (retrying) {
            return false; // the database is failing: reads do not wait for it
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (storedSignal) {
            while (stored < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running || retrying) {
                    return false;
                }
                try {
                    storedSignal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The receive stamp of the oldest event handed in and not yet committed (or failed), else {@code Long.MAX_VALUE}:
     * rows stamped before it are all committed (the change feed reads only up to it).
     */
    public long oldestUncommitted() {
        Pending head = uncommitted.peek();
        return head == null ? Long.MAX_VALUE : oldest(List.of(head));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty() || carried != null) {
            try {
                Pending first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
                carried = null;
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int size = first.events().size();
                Pending next;
                while (size < maxBatch && (next = queue.peek()) != null && size + next.events().size() <= maxBatch) {
                    batch.add(queue.poll());
                    size += next.events().size();
                }
                if (journal != null && gatherNanos > 0 && size < GATHER_BELOW
                        && batch.stream().allMatch(Pending::early)) {
                    gather(batch, size);
                }
                List<Pending> retry = commit(batch);
                // requests answered from the journal are committed before anything after them: retry until then
                for (long wait = 100; !retry.isEmpty() && running; wait = Math.min(wait * 2, 5_000)) {
                    retrying = true;
                    Thread.sleep(wait);
                    retry = commit(retry);
                }
                retrying = false;
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                advance(batch);
                ended(batch);
                batch.clear();
            }
        }
    }

    /**
     * Lets more requests join a small group whose requests were all answered from the journal, for up to the gather
     * time: nobody waits for this commit, and each commit rewrites every B-tree page its rows touch
     * up to the root, so a fuller group costs the writer less per event. Stops at once when a request that waits for
     * its commit, or someone else's work, joins.
     */
    private void gather(List<Pending> batch, int size) {
        long deadline = System.nanoTime() + gatherNanos;
        while (running && size < GATHER_BELOW) {
            long left = deadline - System.nanoTime();
            Pending next;
            try {
                next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the run loop sees it after this commit
                return;
            }
            if (next == null) {
                return;
            }
            if (size + next.events().size() > maxBatch) {
                carried = next; // the first of the next group
                return;
            }
            batch.add(next);
            size += next.events().size();
            if (!next.early()) {
                return;
            }
        }
    }

    /**
     * After a batch's commit ended: its requests' dedupe keys are free, and unless one answered from the journal is
     * left uncommitted (the hub is stopping), everything up to its last request is stored.
     */
    private void advance(List<Pending> batch) {
        long last = 0;
        for (Pending p : batch) {
            if (p.early() && !p.done().isDone()) {
                stranded = true; // kept in the journal for the next start
            }
            p.claimed().forEach(inFlight::remove);
            last = Math.max(last, p.seq());
        }
        if (stranded || last == 0) {
            return;
        }
        stored = last;
        if (journal != null) {
            journal.committedThrough(last);
        }
        synchronized (storedSignal) {
            storedSignal.notifyAll();
        }
    }

    /** Forgets requests whose commit ended; they are near the head, so this stops after a few steps. */
    private void ended(List<Pending> batch) {
        java.util.Set<Pending> left = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        left.addAll(batch);
        for (java.util.Iterator<Pending> it = uncommitted.iterator(); it.hasNext() && !left.isEmpty(); ) {
            if (left.remove(it.next())) {
                it.remove();
            }
        }
    }

    private static long oldest(List<Pending> batch) {
        long oldest = Long.MAX_VALUE;
        for (Pending p : batch) {
            for (NewEvent e : p.events()) {
                oldest = Math.min(oldest, e.event().receivedAt());
            }
        }
        return oldest;
    }

    /**
     * Commits a batch and tells each request; returns the requests answered from the journal whose commit failed
     * for a reason a retry may mend (the rest are told of the failure).
     */
    private List<Pending> commit(List<Pending> batch) {
        List<NewEvent> all = new ArrayList<>();
        batch.forEach(p -> all.addAll(p.events()));
        List<Alongside<?>> works = batch.stream().map(Pending::work).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toList());
        boolean[] inserted;
        long started = System.nanoTime();
        try {
            inserted = store.append(all, works);
        } catch (RuntimeException e) {
            if (!works.isEmpty()) {
                // the work that shared this commit may be what failed: it is told, the requests are tried alone
                batch.stream().filter(p -> p.work() != null).forEach(p -> p.done().completeExceptionally(e));
                List<Pending> requests = batch.stream().filter(p -> p.work() == null)
                        .collect(java.util.stream.Collectors.toList());
                return requests.isEmpty() ? List.of() : commit(requests);
            }
            if (!refusedValue(e)) {
                LOG.error("inbox commit of {} events failed: {}", all.size(), e.getMessage());
                List<Pending> answered = batch.stream().filter(Pending::early).toList();
                finish(batch.stream().filter(p -> !p.early()).toList(), p -> p.done().completeExceptionally(e));
                if (!answered.isEmpty()) {
                    LOG.error("{} requests already answered from the journal are retried until they commit",
                            answered.size());
                }
                return answered;
            }
            if (batch.size() == 1) {
                // values are checked before they join a commit; this one still got through, so say so loudly
                LOG.warn("the store refused a value of a request of {} events: {}", all.size(), firstLine(e));
                if (batch.getFirst().early()) {
                    refused(batch.getFirst().record(), e);
                }
                finish(batch, p -> p.done().completeExceptionally(new ValidationException("envelope",
                        "a value does not fit the store: " + firstLine(e))));
                return List.of();
            }
            // one request's bad value must not fail the others sharing the commit: halve until it stands alone
            int half = batch.size() / 2;
            List<Pending> retry = new ArrayList<>(commit(new ArrayList<>(batch.subList(0, half))));
            retry.addAll(commit(new ArrayList<>(batch.subList(half, batch.size()))));
            return retry;
        }
        committed.commit(System.nanoTime() - started, all.size());
        int offset = 0;
        boolean anyDelivery = false;
        for (Pending p : batch) {
            boolean[] mine = new boolean[p.events().size()];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = inserted[offset + i];
                anyDelivery |= mine[i] && !p.events().get(i).deliveries().isEmpty();
            }
            offset += mine.length;
            queued.addAndGet(-mine.length);
            p.done().complete(mine);
        }
        if (anyDelivery) {
            afterCommit.run();
        }
        return List.of();
    }

    private void finish(List<Pending> batch, java.util.function.Consumer<Pending> outcome) {
        for (Pending p : batch) {
            queued.addAndGet(-p.events().size());
            outcome.accept(p);
        }
    }

    /**
     * Whether the database refused a value (SQLSTATE class 22, data exception: too long, bad encoding ...; or 23,
     * a constraint) rather than failing as a whole (connection lost, disk full), which no split would mend.
     */
    static boolean refusedValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                return t.getMessage().lines().findFirst().orElse("");
            }
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    public void close() {
        synchronized (order) {
            running = false; // no request is handed in after this
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            uncommitted.remove(p);
            queued.addAndGet(-p.events().size());
            stranded |= p.early();
            p.done().completeExceptionally(new IllegalStateException("the hub is shutting down"));
        }
        for (Pending u : uncommitted) {
            // a writer still inside a commit after the wait, or holding a request it gathered for the next group
            stranded |= u.early() && !u.done().isDone();
        }
        if (journal != null) {
            journal.close(!stranded); // everything answered is stored: nothing to replay
        }
        synchronized (storedSignal) {
            storedSignal.notifyAll();
        }
    }
}
