package io.ponte.hub.storage;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job ({@code PONTE_RETENTION_DAYS}): deletes finished events older than the retention with their
 * deliveries, older conversation history, the media files of events that are gone, and the queue rows of idle
 * conversations. Every node runs it; each sweeps its own media files.
 */
public final class Retention implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Stores stores;
    private final MediaStore media;
    private final Duration retention;
    private final Clock clock;
    private final Alongside.Committer committer;

    /** @param committer commits the queue rows' purge (on H2 through the inbox's writer) */
    public Retention(Stores stores, MediaStore media, Duration retention, Clock clock, Alongside.Committer committer) {
        this.stores = stores;
        this.media = media;
        this.retention = retention;
        this.clock = clock;
        this.committer = committer;
    }

    @Override
    public void run() {
        try {
            long cutoff = clock.millis() - retention.toMillis();
            // one walk over the old events: those kept (a delivery unfinished) are looked at once per run
            int events = walk(after -> stores.events().purge(cutoff, after, 1000));
            int n;
            int history = 0;
            while ((n = stores.conversations().purge(cutoff, 1000)) > 0) {
                history += n;
            }
            // the idempotency records of MCP tool calls: a retry older than the retention acts anew
            int calls = 0;
            while ((n = stores.mcpCalls().purge(cutoff, 1000)) > 0) {
                calls += n;
            }
            // the queue rows of conversations with nothing unfinished (PostgreSQL keeps them at 0 between messages)
            int queues = walk(after -> {
                Alongside<Purged> step = stores.outbox().purgeIdleQueues(after, 1000);
                committer.commit(step);
                return step.result();
            });
            int files = media.sweep();
            if (events > 0 || history > 0 || files > 0 || calls > 0 || queues > 0) {
                LOG.info("retention: deleted {} finished events, {} conversation messages, {} MCP tool call records "
                        + "older than {} days, the media of {} deleted events and {} idle queue rows", events,
                        history, calls, retention.toDays(), files, queues);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention purge failed: {}", e.getMessage());
        }
    }

    /** Runs a walk's steps, each going on after the last one's key, to the end; returns how many rows it deleted. */
    private static int walk(java.util.function.Function<String, Purged> step) {
        int deleted = 0;
        for (Purged p = step.apply(null); p.scannedTo() != null; p = step.apply(p.scannedTo())) {
            deleted += p.deleted();
        }
        return deleted;
    }
}
