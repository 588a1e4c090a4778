package io.ponte.hub.storage;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job ({@code PONTE_RETENTION_DAYS}): deletes finished events older than the retention with their
 * deliveries, older conversation history, the media files of events that are gone, and the queue rows of idle
 * conversations. Every node runs it; each
 * sweeps its own media files.
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
            int events = 0;
            // one walk over the old events: those kept (a delivery unfinished) are looked at once per run
            for (Purged step = stores.events().purge(cutoff, null, 1000); step.scannedTo() != null;
                 step = stores.events().purge(cutoff, step.scannedTo(), 1000)) {
                events += step.deleted();
            }
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
            int queues = 0;
            String after = null;
            do {
                Alongside<Purged> step = stores.outbox().purgeIdleQueues(after, 1000);
                committer.commit(step);
                queues += step.result().deleted();
                after = step.result().scannedTo();
            } while (after != null);
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
}
