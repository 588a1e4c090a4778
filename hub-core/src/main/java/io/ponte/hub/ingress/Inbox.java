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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the inbox. Request threads hand in their events and wait; one writer thread takes everything
 * waiting (up to the batch size) and stores it in one transaction, then completes every waiter. Under load many
 * requests share each commit, so durability (a written-out commit before every 2xx) costs one write per batch, not
 * one per request.
 */
public final class Inbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    /** A request's events, or (events empty) a piece of someone else's storage work to commit alongside. */
    private record Pending(List<NewEvent> events, CompletableFuture<boolean[]> done, Alongside<?> work) {
        Pending(List<NewEvent> events, CompletableFuture<boolean[]> done) {
            this(events, done, null);
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
        this.committed = committed;
        this.store = store;
        this.maxBatch = maxBatch;
        // enough for bursts many batches deep; beyond it the database is not keeping up and waiting only adds
        // memory and latency, so callers are told to retry (503 + Retry-After) instead
        this.maxQueued = maxBatch * 20;
        this.afterCommit = afterCommit;
        this.writer = Thread.ofPlatform().name("inbox-writer").daemon(true).start(this::run);
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
        if (queued.addAndGet(events.size()) > maxQueued && queued.get() > events.size()) {
            queued.addAndGet(-events.size());
            throw new UnavailableException("the hub's inbox is full (the database is not keeping up); retry shortly");
        }
        Pending pending = new Pending(events, done);
        uncommitted.add(pending);
        queue.add(pending);
        return done;
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
        queue.add(new Pending(List.of(), done, work));
        try {
            done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Whether the writer still takes work. */
    public boolean running() {
        return running;
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
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
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
                commit(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                ended(batch);
                batch.clear();
            }
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

    private void commit(List<Pending> batch) {
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
                if (!requests.isEmpty()) {
                    commit(requests);
                }
                return;
            }
            if (!refusedValue(e)) {
                LOG.error("inbox commit of {} events failed: {}", all.size(), e.getMessage());
                finish(batch, p -> p.done().completeExceptionally(e));
                return;
            }
            if (batch.size() == 1) {
                // values are checked before they join a commit; this one still got through, so say so loudly
                LOG.warn("the store refused a value of a request of {} events: {}", all.size(), firstLine(e));
                finish(batch, p -> p.done().completeExceptionally(new ValidationException("envelope",
                        "a value does not fit the store: " + firstLine(e))));
                return;
            }
            // one request's bad value must not fail the others sharing the commit: halve until it stands alone
            int half = batch.size() / 2;
            commit(new ArrayList<>(batch.subList(0, half)));
            commit(new ArrayList<>(batch.subList(half, batch.size())));
            return;
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
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            uncommitted.remove(p);
            queued.addAndGet(-p.events().size());
            p.done().completeExceptionally(new IllegalStateException("the hub is shutting down"));
        }
    }
}
