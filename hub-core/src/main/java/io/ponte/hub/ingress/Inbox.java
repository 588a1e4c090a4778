package io.ponte.hub.ingress;

import io.ponte.hub.storage.EventStore;
import io.ponte.hub.storage.EventStore.NewEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    private record Pending(List<NewEvent> events, CompletableFuture<boolean[]> done) {
    }

    private final EventStore store;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Runnable afterCommit;
    private volatile boolean running = true;

    /**
     * @param afterCommit called after every commit that stored at least one delivery (wakes the dispatcher)
     */
    public Inbox(EventStore store, int maxBatch, Runnable afterCommit) {
        this.store = store;
        this.maxBatch = maxBatch;
        this.afterCommit = afterCommit;
        this.writer = Thread.ofPlatform().name("inbox-writer").daemon(true).start(this::run);
    }

    /**
     * Queues events for the next commit.
     *
     * @return completes with, per event, whether it was new (false: a duplicate), once committed; completes
     *         exceptionally if the commit failed (then nothing of the batch is stored)
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
        queue.add(new Pending(events, done));
        return done;
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
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<NewEvent> all = new ArrayList<>();
        batch.forEach(p -> all.addAll(p.events()));
        boolean[] inserted;
        try {
            inserted = store.append(all);
        } catch (RuntimeException e) {
            LOG.error("inbox commit of {} events failed: {}", all.size(), e.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        int offset = 0;
        boolean anyDelivery = false;
        for (Pending p : batch) {
            boolean[] mine = new boolean[p.events().size()];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = inserted[offset + i];
                anyDelivery |= mine[i] && !p.events().get(i).deliveries().isEmpty();
            }
            offset += mine.length;
            p.done().complete(mine);
        }
        if (anyDelivery) {
            afterCommit.run();
        }
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
            p.done().completeExceptionally(new IllegalStateException("the hub is shutting down"));
        }
    }
}
