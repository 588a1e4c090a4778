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

    /** An outcome with the lane that sent it and whether its row was still queued in the database. */
    private record Done(Outcome outcome, Lanes.Lane lane, boolean fromQueue) {
        DeliveryRow row() {
            return outcome.row();
        }
    }

    private final Outbox deliveries;
    private final EventStore events;
    private final LiveConnections connections;
    private final HubMetrics metrics;
    private final Clock clock;
    private final String nodeId;
    private final Duration pollInterval;
    private final Duration defaultTimeout;
    private final Delivered delivered;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final LinkedBlockingQueue<Done> outcomes = new LinkedBlockingQueue<>();
    /** A cycle failed: its commit may have happened unseen, so claims this node never started may be its own. */
    private volatile boolean reconcile;
    private final FairShare fair;
    private final Lanes lanes;
    private long lastClaim;
    private volatile io.ponte.hub.storage.Alongside.Committer committer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean signalled;
    private volatile boolean sleeping;
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

    /**
     * @param fastPath false: new and promoted deliveries go through the claim query
     *                 ({@code PONTE_DISPATCH_LANES=off}, for comparison)
     */
    public Dispatcher(Outbox deliveries, EventStore events, LiveConnections connections, HubMetrics metrics,
                      Clock clock, String nodeId, int concurrency, Duration pollInterval, Duration defaultTimeout,
                      Delivered delivered, boolean fastPath) {
        this.delivered = delivered;
        this.deliveries = deliveries;
        this.events = events;
        this.connections = connections;
        this.metrics = metrics;
        this.clock = clock;
        this.nodeId = nodeId;
        this.pollInterval = pollInterval;
        this.defaultTimeout = defaultTimeout;
        this.fair = new FairShare(concurrency, target -> connections.live(target)
                .map(l -> l.delivery().maxConcurrency()).orElse(1));
        this.lanes = new Lanes(fair, row -> clock.millis() + lease(row).toMillis(), fastPath);
        deliveries.attach(lanes, nodeId);
        this.committer = deliveries::commitAlone;
    }

    /**
     * Commits the dispatcher's cycles through {@code committer} instead of a transaction of their own (on H2: in the
     * inbox's group commits, one writer for both).
     */
    public void commitThrough(io.ponte.hub.storage.Alongside.Committer committer) {
        this.committer = committer;
    }

    public void start() {
        int released = deliveries.releaseLeases(nodeId, clock.millis());
        if (released > 0) {
            LOG.info("resuming {} deliveries that were in flight when this node stopped", released);
        }
        running = true;
        lanes.open((lane, first) -> {
            try {
                workers.execute(() -> runLane(lane, first));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                lanes.abandon(lane); // the node is stopping: its lease hands the delivery back at the next start
            }
        });
        lanes.wantClaim();
        loop = Thread.ofPlatform().name("dispatch-loop").daemon(true).start(this::loop);
    }

    /** Something new may be due (an admin put work back in line): claim now instead of at the next poll. */
    public void wake() {
        lanes.wantClaim();
        stir();
    }

    /**
     * New outcomes or deliveries left pending: run a cycle now. Every lane's outcome stirs, so the lock is only taken
     * when the loop sleeps: {@code signalled} and {@code sleeping} are volatile, written before the other is read on
     * each side, so either the stirrer sees the loop sleeping or the loop sees the signal before it waits.
     */
    public void stir() {
        signalled = true;
        if (sleeping) {
            lock.lock();
            try {
                wake.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The dispatcher's only database thread. Each cycle records the outcomes that came back and claims new work in
     * one transaction, so the outbox costs one commit per cycle however many deliveries it moves.
     */
    private void loop() {
        List<Done> done = new ArrayList<>();
        while (running || !outcomes.isEmpty() || !workers.isTerminated()) {
            try {
                if (reconcile) {
                    int released = deliveries.releaseLeasesExcept(nodeId, clock.millis(), lanes.working());
                    reconcile = false;
                    if (released > 0) {
                        LOG.warn("handed back {} deliveries claimed by a cycle whose commit failed unseen", released);
                    }
                }
                outcomes.drainTo(done, 2000);
                long now = clock.millis();
                boolean claim = running && (lanes.takeClaimWanted() || now - lastClaim >= pollInterval.toMillis());
                if (claim && fair.free() == 0) {
                    lanes.wantClaim(); // every slot is taken: claim when a lane ends
                    claim = false;
                }
                if (done.isEmpty() && !claim) {
                    sleepUntilWoken(running ? pollInterval : Duration.ofMillis(50));
                    continue;
                }
                signalled = false;
                boolean claiming = claim;
                io.ponte.hub.storage.Alongside<Outbox.Cycle> work = deliveries.cycle(nodeId, now,
                        completions(done, now),
                        () -> done.forEach(d -> lanes.recorded(d.lane(), d.row().id())),
                        () -> claiming ? Math.min(fair.free(), MAX_CLAIM) : 0, fair::skip, lanes::claim);
                committer.commit(work);
                Outbox.Cycle cycle = work.result();
                if (claim) {
                    lastClaim = now;
                    if (cycle.claimed().size() >= MAX_CLAIM) {
                        lanes.wantClaim(); // more may be due
                    }
                }
                recorded(done, now);
                int moved = done.size() + cycle.promoted().size() + cycle.claimed().size();
                done.clear();
                List<DeliveryRow> started = new ArrayList<>(cycle.promoted());
                started.addAll(cycle.claimed());
                List<DeliveryRow> read = new ArrayList<>(started);
                read.addAll(lanes.adopted());
                Map<String, String> bodies = read.isEmpty() ? Map.of()
                        : events.bodies(read.stream().map(DeliveryRow::eventId).distinct().toList());
                lanes.cycleCommitted(row -> bodies.get(row.eventId()), started);
                if (moved > 0 && moved < COALESCE_BELOW && lanes.alive() > 0 && outcomes.size() < COALESCE_BELOW) {
                    // Busy but this cycle moved little: let outcomes gather for a moment, so one commit carries
                    // many of them (every commit rewrites the outbox's index pages). Lanes keep sending meanwhile.
                    LockSupport.parkNanos(COALESCE_NANOS);
                }
            } catch (RuntimeException e) {
                // outcomes stay in `done` and are written by the next cycle; claims were rolled back, or, when the
                // commit happened unseen (or the cycle failed after it), are handed back by the next cycle
                lanes.cycleFailed();
                reconcile = true;
                if (!running && database(e)) {
                    LOG.warn("stopping with {} outcomes unrecorded (the database is gone): they are sent again at the "
                            + "next start", done.size() + outcomes.size());
                    return;
                }
                LOG.error("dispatch cycle failed (retrying in {} ms): {}", pollInterval.toMillis(), e.getMessage());
                sleepUntilWoken(pollInterval.multipliedBy(4));
                if (!running) {
                    LockSupport.parkNanos(50_000_000L);
                }
            }
        }
    }

    private static boolean database(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    /** A lane's worker: sends its deliveries one after another while each one finishes. */
    private void runLane(Lanes.Lane lane, Lanes.Work first) {
        Lanes.Work work = first;
        boolean ended = false;
        try {
            while (work != null) {
                Outcome o = attempt(work.row(), work.eventBody());
                boolean finished = o.status() == Ended.DELIVERED || o.status() == Ended.DEAD;
                Lanes.Work next = lanes.next(lane, finished, running && !reconcile);
                outcomes.add(new Done(o, lane, work.fromQueue()));
                stir();
                work = next;
            }
            ended = true;
        } finally {
            if (!ended) {
                // an Error escaped the attempt: the lane must not hold its key and slot for ever; the delivery's
                // lease hands it back (to any node) when it runs out
                lanes.abandon(lane);
            }
        }
    }

    private Duration lease(DeliveryRow row) {
        Duration timeout = connections.live(row.targetConnection()).map(l -> l.delivery().timeout())
                .orElse(defaultTimeout);
        return timeout.multipliedBy(2).plusSeconds(30);
    }

    /**
     * Waits for a stir, at most {@code max}, and takes the signal: a signal left set (it came while a cycle ran, after
     * that cycle had already drained its outcome) would make every later wait return at once, and the loop spin until
     * the next claim (measured: about half the dispatch thread's samples under load on PostgreSQL). Whatever a stir
     * announces is already queued, so the loop finds it when it looks next.
     */
    private void sleepUntilWoken(Duration max) {
        lock.lock();
        try {
            sleeping = true;
            if (!signalled && running) {
                wake.await(max.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sleeping = false;
            signalled = false;
            lock.unlock();
        }
    }

    private Outcome attempt(DeliveryRow row, String eventBody) {
        long started = System.nanoTime();
        MDC.put("delivery", row.id());
        MDC.put("event", row.eventId());
        try {
            return run(row, eventBody, started);
        } catch (RuntimeException e) {
            LOG.error("delivery {} failed unexpectedly", row.id(), e);
            return new Outcome(row, row.targetConnection(), Ended.RETRY, Duration.ofSeconds(30),
                    "hub error: " + e, null, Duration.ofNanos(System.nanoTime() - started), false);
        } finally {
            MDC.clear();
        }
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

    private static List<Completion> completions(List<Done> batch, long now) {
        List<Completion> completions = new ArrayList<>(batch.size());
        for (Done d : batch) {
            Outcome o = d.outcome();
            DeliveryState status = o.status().state;
            long next = o.delay() == null ? now : now + o.delay().toMillis();
            completions.add(new Completion(o.row().id(), o.row().orderingKey(), status, next,
                    StorableText.of(o.error(), 2000), StorableText.of(o.externalRef(), 300),
                    status == DeliveryState.DELIVERED ? now : null, o.refund() ? 1 : 0,
                    o.row().action().equals(ActionNames.MESSAGE_SEND), d.fromQueue()));
        }
        return completions;
    }

    private void recorded(List<Done> batch, long now) {
        for (Done d : batch) {
            Outcome o = d.outcome();
            if (o.status() == Ended.THROTTLED) {
                metrics.throttled(o.connection());
            } else if (o.status() != Ended.PAUSED) {
                metrics.attempt(o.connection(), o.status().tag(), o.took());
            }
            if (o.status() == Ended.DELIVERED) {
                metrics.delivered(o.connection(), Duration.ofMillis(Math.max(0, now - o.row().createdAt())));
            } else if (o.status() == Ended.DEAD) {
                try (MDC.MDCCloseable r = MDC.putCloseable("delivery", o.row().id());
                     MDC.MDCCloseable e = MDC.putCloseable("event", o.row().eventId());
                     MDC.MDCCloseable c = MDC.putCloseable("connection", o.connection());
                     MDC.MDCCloseable t = MDC.putCloseable("tenant", o.row().tenantId())) {
                    LOG.warn("delivery {} to {} is dead: {}", o.row().id(), o.connection(), o.error());
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        lanes.close();
        stir();
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
