package io.ponte.hub.storage;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job ({@code PONTE_RETENTION_DAYS}): deletes finished events older than the retention with their
 * deliveries, older conversation history, and the media files of events that are gone. Every node runs it; each
 * sweeps its own media files.
 */
public final class Retention implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Stores stores;
    private final MediaStore media;
    private final Duration retention;
    private final Clock clock;

    public Retention(Stores stores, MediaStore media, Duration retention, Clock clock) {
        this.stores = stores;
        this.media = media;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            long cutoff = clock.millis() - retention.toMillis();
            int events = 0;
            // one walk over the old events: those kept (a delivery unfinished) are looked at once per run
            for (EventStore.Purged step = stores.events().purge(cutoff, null, 1000); step.scannedTo() != null;
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
            int files = media.sweep();
            if (events > 0 || history > 0 || files > 0 || calls > 0) {
                LOG.info("retention: deleted {} finished events, {} conversation messages, {} MCP tool call records "
                        + "older than {} days and the media of {} deleted events", events, history, calls,
                        retention.toDays(), files);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention purge failed: {}", e.getMessage());
        }
    }
}
