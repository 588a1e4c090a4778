package io.ponte.hub.dispatch;

import io.ponte.api.action.ActionNames;
import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.Envelope;
import io.ponte.hub.connections.ActionCall;
import io.ponte.hub.connections.LiveConnections;
import io.ponte.hub.connections.LiveConnection;
import io.ponte.hub.observability.HubMetrics;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryState;
import io.ponte.hub.storage.Outbox;
import io.ponte.hub.storage.Outbox.Completion;
import io.ponte.hub.storage.EventStore;
import io.ponte.hub.storage.StorableText;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The way out. One loop thread claims due deliveries in batches (only the head of each ordering key is due, so
 * each key stays in order) and records outcomes (delivered, retry later, or dead) in the same transaction; each
 * action runs on a virtual thread under the connection's timeout and concurrency limit.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_CLAIM = 500;
    private static final int COALESCE_BELOW = 256;
    private static final long COALESCE_NANOS = Long.getLong("ponte.dispatch.coalesce.nanos", 10_000_000L);
    private static final Duration PAUSED_RECHECK = Duration.ofSeconds(30);
    // A send-rate wait up to this long is slept on the delivery's virtual thread; a longer one hands the delivery
    // back to the outbox (not counted as an attempt), so throttled work does not hold dispatch slots.
    private static final Duration MAX_THROTTLE_SLEEP = Duration.ofSeconds(2);

    /**
     * How an attempt ended: the state it leaves the delivery in, and its {@code outcome} tag on
     * {@code ponte_delivery_attempts} (paused and throttled ones were not tried, so they are not counted there).
     */
    private enum Ended {
        DELIVERED(DeliveryState.DELIVERED), RETRY(DeliveryState.PENDING), DEAD(DeliveryState.DEAD),
        PAUSED(DeliveryState.PENDING), THROTTLED(DeliveryState.PENDING);

        final DeliveryState state;

        Ended(DeliveryState state) {
            this.state = state;
        }

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Outcome(DeliveryRow row, String connection, Ended status, Duration delay, String error,
                           String externalRef, Duration took, boolean refund) {
    }

    private final Outbox deliveries;
    private final EventStore events;
    private final LiveConnections connections;
    private final HubMetrics metrics;
    private final Clock clock;
    private final String nodeId;
    private final int concurrency;
    private final Duration pollInterval;
    private final Duration defaultTimeout;
    private final Delivered delivered;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final AtomicInteger inflight = new AtomicInteger();
    /** Deliveries handed to workers whose outcome is not recorded yet: what this node is working on. */
    private final java.util.Set<String> working = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** A cycle failed: its commit may have happened unseen, so claims this node never started may be its own. */
    private boolean reconcile;
    private final FairShare fair;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean signalled;
    private volatile boolean running;
    private Thread loop;

    /**
     * Told of every delivered action with its output, on the worker that ran it, before the outcome is recorded
     * (what the hub learns from actions: the CRM ids of {@code contact.upsert}). It must not throw; what it throws
     * is logged and does not change the delivery's outcome.
     */
    @FunctionalInterface
    public interface Delivered {
        void delivered(DeliveryRow row, io.ponte.hub.connections.ConnectionRef target, Envelope cause,
                       JsonNode output);
    }

    public Dispatcher(Outbox deliveries, EventStore events, LiveConnections connections, HubMetrics metrics,
                      Clock clock, String nodeId, int concurrency, Duration pollInterval, Duration defaultTimeout) {
        this(deliveries, events, connections, metrics, clock, nodeId, concurrency, pollInterval, defaultTimeout,
                (row, target, cause, output) -> {
                });
    }

    public Dispatcher(Outbox deliveries, EventStore events, LiveConnections connections, HubMetrics metrics,
                      Clock clock, String nodeId, int concurrency, Duration pollInterval, Duration defaultTimeout,
                      Delivered delivered) {
        this.delivered = delivered;
        this.deliveries = deliveries;
        this.events = events;
        this.connections = connections;
        this.metrics = metrics;
        this.clock = clock;
        this.nodeId = nodeId;
        this.concurrency = concurrency;
        this.pollInterval = pollInterval;
        this.defaultTimeout = defaultTimeout;
        this.fair = new FairShare(concurrency, target -> connections.live(target)
                .map(l -> l.delivery().maxConcurrency()).orElse(1));
    }

    public void start() {
        int released = deliveries.releaseLeases(nodeId, clock.millis());
        if (released > 0) {
            LOG.info("resuming {} deliveries that were in flight when this node stopped", released);
        }
        running = true;
        loop = Thread.ofPlatform().name("dispatch-loop").daemon(true).start(this::loop);
    }

    /** Something new may be due: claim now instead of at the next poll. */
    public void wake() {
        signalled = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The dispatcher's only database thread. Each cycle records the outcomes that came back and claims new work in
     * one transaction, so the outbox costs one commit per cycle however many deliveries it moves.
     */
    private void loop() {
        List<Outcome> done = new ArrayList<>();
        while (running || inflight.get() > 0 || !outcomes.isEmpty()) {
            try {
                if (reconcile) {
                    int released = deliveries.releaseLeasesExcept(nodeId, clock.millis(), List.copyOf(working));
                    reconcile = false;
                    if (released > 0) {
                        LOG.warn("handed back {} deliveries claimed by a cycle whose commit failed unseen", released);
                    }
                }
                outcomes.drainTo(done, 2000);
                int capacity = running ? concurrency - (inflight.get() - done.size()) : 0;
                int limit = Math.min(Math.max(capacity, 0), MAX_CLAIM);
                if (done.isEmpty() && limit == 0) {
                    sleepUntilWoken(Duration.ofMillis(50));
                    continue;
                }
                signalled = false;
                long now = clock.millis();
                FairShare.Round round = fair.round(done.stream().map(o -> o.row().targetConnection()).toList());
                List<DeliveryRow> claimed = deliveries.completeAndClaim(nodeId, now, completions(done, now),
                        row -> now + lease(row).toMillis(), limit, round.skip(), round::take);
                recorded(done, now);
                done.forEach(o -> working.remove(o.row().id()));
                fair.claimed(claimed);
                int moved = done.size() + claimed.size();
                done.clear();
                if (!claimed.isEmpty()) {
                    Map<String, String> bodies = events.bodies(
                            claimed.stream().map(DeliveryRow::eventId).distinct().toList());
                    inflight.addAndGet(claimed.size());
                    claimed.forEach(row -> working.add(row.id()));
                    for (DeliveryRow row : claimed) {
                        workers.execute(() -> attempt(row, bodies.get(row.eventId())));
                    }
                } else if (outcomes.isEmpty()) {
                    sleepUntilWoken(running ? pollInterval : Duration.ofMillis(50));
                }
                if (moved > 0 && moved < COALESCE_BELOW && inflight.get() > 0) {
                    // Busy but this cycle moved little: let outcomes gather for a few milliseconds, so one commit
                    // carries many of them (every commit rewrites the outbox's index pages).
                    LockSupport.parkNanos(COALESCE_NANOS);
                }
            } catch (RuntimeException e) {
                // outcomes stay in `done` and are written by the next cycle; claims were rolled back, or, when the
                // commit happened unseen (or the cycle failed after it), are handed back by the next cycle
                reconcile = true;
                LOG.error("dispatch cycle failed (retrying in {} ms): {}", pollInterval.toMillis(), e.getMessage());
                sleepUntilWoken(pollInterval.multipliedBy(4));
            }
        }
    }

    private Duration lease(DeliveryRow row) {
        Duration timeout = connections.live(row.targetConnection()).map(l -> l.delivery().timeout())
                .orElse(defaultTimeout);
        return timeout.multipliedBy(2).plusSeconds(30);
    }

    private void sleepUntilWoken(Duration max) {
        lock.lock();
        try {
            if (!signalled && running) {
                wake.await(max.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void attempt(DeliveryRow row, String eventBody) {
        long started = System.nanoTime();
        MDC.put("delivery", row.id());
        MDC.put("event", row.eventId());
        try {
            outcomes.add(run(row, eventBody, started));
        } catch (RuntimeException e) {
            LOG.error("delivery {} failed unexpectedly", row.id(), e);
            outcomes.add(new Outcome(row, row.targetConnection(), Ended.RETRY, Duration.ofSeconds(30),
                    "hub error: " + e, null, Duration.ofNanos(System.nanoTime() - started), false));
        } finally {
            MDC.clear();
        }
        wake();
    }

    private Outcome run(DeliveryRow row, String eventBody, long started) {
        int attemptNo = row.attempts() + 1;
        LiveConnection conn = connections.live(row.targetConnection()).orElse(null);
        if (conn == null) {
            if (connections.exists(row.targetConnection())) {
                String why = connections.problem(row.targetConnection()).orElse("not open");
                return new Outcome(row, row.targetConnection(), Ended.PAUSED, PAUSED_RECHECK,
                        "target connection is not open: " + why, null, Duration.ZERO, true);
            }
            return new Outcome(row, row.targetConnection(), Ended.DEAD, null,
                    "target connection " + row.targetConnection() + " no longer exists", null, Duration.ZERO, false);
        }
        if (!conn.ref().tenant().equals(row.tenantId())) {
            // never reached through the API (ingress and routes keep tenants apart); a second line of defence
            return new Outcome(row, conn.ref().id(), Ended.DEAD, null, "refused: the delivery belongs to tenant "
                    + row.tenantId() + ", the target connection to another tenant", null, Duration.ZERO, false);
        }
        ActionRequest request;
        try {
            JsonNode input = HubJson.mapper().readTree(row.input());
            Envelope cause = eventBody == null ? null : HubJson.mapper().readValue(eventBody, Envelope.class);
            request = new ActionRequest(row.action(), input, cause, row.id(), attemptNo);
        } catch (Exception e) {
            return new Outcome(row, conn.ref().id(), Ended.DEAD, null, "stored delivery cannot be read: " + e.getMessage(),
                    null, Duration.ZERO, false);
        }
        ActionResult result;
        switch (connections.calls().run(conn, request, row.orderingKey(), MAX_THROTTLE_SLEEP, mdc(conn, row))) {
            case ActionCall.Throttled t -> {
                return new Outcome(row, conn.ref().id(), Ended.THROTTLED, t.delay(),
                        "waiting for the connection's send rate limit", null, Duration.ZERO, true);
            }
            case ActionCall.Open o -> {
                return new Outcome(row, conn.ref().id(), Ended.PAUSED, o.after(), o.reason(), null, Duration.ZERO,
                        true);
            }
            case ActionCall.Completed c -> result = c.result();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return switch (result) {
            case ActionResult.Delivered d -> {
                tell(row, conn, request.cause(), d.output());
                yield new Outcome(row, conn.ref().id(), Ended.DELIVERED, null, null, d.externalRef(), took, false);
            }
            case ActionResult.Failed f -> new Outcome(row, conn.ref().id(), Ended.DEAD, null, f.reason(), null, took, false);
            case ActionResult.Retry r -> {
                Duration delay = RetryPolicy.nextDelay(conn.delivery(), attemptNo, r.after());
                yield delay == null
                        ? new Outcome(row, conn.ref().id(), Ended.DEAD, null, "gave up after " + attemptNo + " attempts: "
                        + r.reason(), null, took, false)
                        : new Outcome(row, conn.ref().id(), Ended.RETRY, delay, r.reason(), null, took, false);
            }
        };
    }

    private void tell(DeliveryRow row, LiveConnection conn, Envelope cause, JsonNode output) {
        try {
            delivered.delivered(row, conn.ref(), cause, output);
        } catch (RuntimeException e) {
            LOG.warn("what delivery {} taught could not be kept: {}", row.id(), e.toString());
        }
    }

    private static Map<String, String> mdc(LiveConnection conn, DeliveryRow row) {
        Map<String, String> mdc = new HashMap<>(conn.mdc());
        mdc.put("delivery", row.id());
        mdc.put("event", row.eventId());
        return mdc;
    }

    private static List<Completion> completions(List<Outcome> batch, long now) {
        List<Completion> completions = new ArrayList<>(batch.size());
        for (Outcome o : batch) {
            DeliveryState status = o.status().state;
            long next = o.delay() == null ? now : now + o.delay().toMillis();
            completions.add(new Completion(o.row().id(), o.row().orderingKey(), status, next,
                    StorableText.of(o.error(), 2000), StorableText.of(o.externalRef(), 300),
                    status == DeliveryState.DELIVERED ? now : null, o.refund() ? 1 : 0,
                    o.row().action().equals(ActionNames.MESSAGE_SEND)));
        }
        return completions;
    }

    private void recorded(List<Outcome> batch, long now) {
        for (Outcome o : batch) {
            if (o.status() == Ended.THROTTLED) {
                metrics.throttled(o.connection());
            } else if (o.status() != Ended.PAUSED) {
                metrics.attempt(o.connection(), o.status().tag(), o.took());
            }
            if (o.status() == Ended.DELIVERED) {
                metrics.delivered(o.connection(), Duration.ofMillis(Math.max(0, now - o.row().createdAt())));
            } else if (o.status() == Ended.DEAD) {
                try (MDC.MDCCloseable d = MDC.putCloseable("delivery", o.row().id());
                     MDC.MDCCloseable e = MDC.putCloseable("event", o.row().eventId());
                     MDC.MDCCloseable c = MDC.putCloseable("connection", o.connection());
                     MDC.MDCCloseable t = MDC.putCloseable("tenant", o.row().tenantId())) {
                    LOG.warn("delivery {} to {} is dead: {}", o.row().id(), o.connection(), o.error());
                }
            }
        }
        for (Outcome o : batch) {
            fair.finished(o.row().targetConnection());
        }
        inflight.addAndGet(-batch.size());
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            workers.shutdown();
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            if (loop != null) {
                loop.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
