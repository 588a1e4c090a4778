package io.ponte.hub.dispatch;

import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.Outbox;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The ordering keys this node is sending now, one lane per key. A lane holds one dispatch slot ({@link FairShare})
 * from its first delivery to its last and sends its deliveries one after another on one worker, in the order they
 * joined it.
 *
 * <p>How work joins a lane without a claim (see {@link Outbox.Local}):
 * <ul>
 *   <li>a new delivery that heads an idle key is stored in flight, leased to this node, by the inbox's own group
 *       commit and started right after it ({@link #head});</li>
 *   <li>a new delivery behind deliveries that are all in this node's lane for the key joins that lane
 *       ({@link #follow}): it stays {@code queued} in the database and is sent as soon as the one before it is
 *       delivered, with no database round trip between them; its outcome is recorded later, in a group commit;</li>
 *   <li>the next delivery of a key whose head just finished is promoted straight to in flight for this node
 *       ({@link #promoted}); due rows the claim query finds start lanes too ({@link #claim}).</li>
 * </ul>
 *
 * <p>Why this keeps every guarantee: a key's queue row ({@code delivery_queues}) counts its unfinished deliveries
 * and is locked by every transaction that adds to or counts out of the key, on any node. A delivery joins a lane
 * only when that count equals the lane's members, i.e. every unfinished delivery of the key is this lane's, so no
 * other node can be sending the key, and when every member is already in the lane's line (a lane a cycle just started
 * may have taken over queued deliveries that its cycle hands over only after its commit). Members leave a lane (in memory) inside the transaction that records their
 * outcome, before it commits: if that commit fails the lane merely looks smaller than the count, and nothing joins it
 * until the outcomes are recorded again. A lane stops at the first delivery that did not finish (retry later,
 * paused, throttled): the members behind it stay queued in the database and move up through the queue as before.
 * After a crash, the head in flight is handed back by its lease and re-sent, then the queued ones in order:
 * at-least-once, in order, as before.
 */
final class Lanes implements Outbox.Local {

    /** A delivery to send: the row as stored before its attempt, the cause's envelope JSON, where it comes from. */
    record Work(DeliveryRow row, String eventBody, boolean fromQueue) {
    }

    /** One key this node is sending. Guarded by itself. */
    static final class Lane {
        final String key;
        final String target;
        /** Deliveries taken by this lane whose outcome is not yet recorded (running, waiting or done in memory). */
        final Set<String> members = new HashSet<>();
        final ArrayDeque<Work> waiting = new ArrayDeque<>();
        boolean running;
        /** Takes no new members (it stopped at a delivery that did not finish, or ended). */
        boolean closed;
        boolean ended;
        /**
         * Took over queued deliveries in a cycle not yet handed over ({@link #cycleCommitted} puts them in line): a
         * new delivery that joined now would be sent before them, so none joins until then.
         */
        boolean adopting;

        Lane(String key, String target) {
            this.key = key;
            this.target = target;
        }
    }

    /** Starts a lane's worker on its first delivery. */
    @FunctionalInterface
    interface Starter {
        void start(Lane lane, Work first);
    }

    private record Taken(Lane lane, Work work, boolean head) {
    }

    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final FairShare fair;
    private final ToLongFunction<DeliveryRow> lease;
    private final boolean fastPath;
    private Starter starter = (lane, first) -> {
    };
    private volatile boolean open;
    private volatile boolean claimWanted;
    /** Queued deliveries the current cycle's new lanes took over, by lane (the cycle's thread only). */
    private final java.util.Map<Lane, List<DeliveryRow>> adopted = new java.util.IdentityHashMap<>();
    /** What the inbox's current transaction took (the inbox writer thread only). */
    private final List<Taken> enqueued = new ArrayList<>();
    /** Lanes the dispatcher's current cycle started (the dispatch loop thread only). */
    private final List<Lane> cycle = new ArrayList<>();

    /**
     * @param fastPath false: new and promoted deliveries always go through the claim query (lanes then hold one
     *                 delivery each), for comparison
     */
    Lanes(FairShare fair, ToLongFunction<DeliveryRow> lease, boolean fastPath) {
        this.fair = fair;
        this.lease = lease;
        this.fastPath = fastPath;
    }

    void open(Starter starter) {
        this.starter = starter;
        this.open = true;
    }

    void close() {
        open = false;
    }

    // ------------------------------------------------------------------ inbox transaction (inbox writer thread)

    @Override
    public long head(DeliveryRow row, String eventBody) {
        // follow-ups stay claimable: while one waits unstarted, later ones of its resource are coalesced into it
        if (!fastPath || !open || Outbox.FOLLOW_UP.equals(row.routeId())) {
            claimWanted = true;
            return 0;
        }
        Lane lane = begin(row);
        if (lane == null) {
            claimWanted = true;
            return 0;
        }
        enqueued.add(new Taken(lane, new Work(row, eventBody, false), true));
        return lease.applyAsLong(row);
    }

    @Override
    public boolean follow(DeliveryRow row, String eventBody, int unfinished) {
        if (!fastPath || !open || Outbox.FOLLOW_UP.equals(row.routeId())) {
            return false;
        }
        Lane lane = lanes.get(row.orderingKey());
        if (lane == null) {
            return false;
        }
        synchronized (lane) {
            if (lane.closed || lane.adopting || lane.members.size() != unfinished) {
                return false;
            }
            lane.members.add(row.id());
        }
        enqueued.add(new Taken(lane, new Work(row, eventBody, true), false));
        return true;
    }

    @Override
    public void enqueueEnded(boolean committed) {
        for (Taken t : enqueued) {
            Lane lane = t.lane();
            Work start = null;
            synchronized (lane) {
                if (!committed) {
                    lane.members.remove(t.work().row().id());
                    if (t.head()) {
                        lane.running = false;
                    }
                } else if (t.head()) {
                    start = t.work();
                } else if (lane.closed || !lane.members.contains(t.work().row().id())) {
                    // the lane stopped (or the delivery was cancelled) meanwhile: the queue moves it up instead
                    lane.members.remove(t.work().row().id());
                } else {
                    lane.waiting.add(t.work());
                    if (!lane.running) {
                        lane.running = true;
                        start = lane.waiting.poll();
                    }
                }
            }
            if (start != null) {
                starter.start(lane, start);
            } else {
                endIfDone(lane);
            }
        }
        enqueued.clear();
    }

    // ------------------------------------------------------------ the dispatcher's cycle (dispatch loop thread)

    @Override
    public boolean sending(String orderingKey) {
        return lanes.containsKey(orderingKey);
    }

    @Override
    public long promoted(DeliveryRow row) {
        return claim(row);
    }

    @Override
    public long keeps(DeliveryRow row) {
        return lease.applyAsLong(row);
    }

    /** A due row found by the claim query: its lease expiry if this node starts a lane with it, else 0. */
    long claim(DeliveryRow row) {
        if (!open) {
            return 0;
        }
        Lane lane = begin(row);
        if (lane == null) {
            claimWanted = true;
            return 0;
        }
        cycle.add(lane);
        return lease.applyAsLong(row);
    }

    @Override
    public void adopt(DeliveryRow head, List<DeliveryRow> tail) {
        Lane lane = lanes.get(head.orderingKey());
        if (lane == null || !fastPath || tail.isEmpty()) {
            return;
        }
        synchronized (lane) {
            if (lane.closed || !lane.members.contains(head.id())) {
                return;
            }
            tail.forEach(row -> lane.members.add(row.id()));
            lane.adopting = true;
        }
        adopted.put(lane, List.copyOf(tail));
    }

    /** The deliveries the current cycle's lanes took over (their events' bodies are read with the heads'). */
    List<DeliveryRow> adopted() {
        return adopted.values().stream().flatMap(List::stream).toList();
    }

    /** The cycle committed: its lanes start (each with its row and the cause's envelope), then their adopted tails. */
    void cycleCommitted(java.util.function.Function<DeliveryRow, String> body, List<DeliveryRow> rows) {
        cycle.clear();
        for (DeliveryRow row : rows) {
            Lane lane = lanes.get(row.orderingKey());
            if (lane != null) {
                List<DeliveryRow> tail = adopted.getOrDefault(lane, List.of());
                synchronized (lane) {
                    tail.forEach(t -> lane.waiting.add(new Work(t, body.apply(t), true)));
                    lane.adopting = false;
                }
                starter.start(lane, new Work(row, body.apply(row), false));
            }
        }
        adopted.clear();
    }

    /** The cycle failed: the lanes it started never run. */
    void cycleFailed() {
        cycle.forEach(this::abandon);
        cycle.clear();
        adopted.clear();
    }

    /** A lane that will not run (its start failed or was refused): it ends, its slot is free again. */
    void abandon(Lane lane) {
        synchronized (lane) {
            lane.closed = true;
            lane.adopting = false;
            lane.members.clear();
            lane.waiting.clear();
            lane.running = false;
        }
        endIfDone(lane);
    }

    /**
     * Inside the transaction that records the outcome of {@code delivery}, after its queue was counted: it leaves
     * its lane, and a lane left empty ends (its slot is free again).
     */
    void recorded(Lane lane, String delivery) {
        synchronized (lane) {
            lane.members.remove(delivery);
        }
        endIfDone(lane);
    }

    // ---------------------------------------------------------------------------------- a lane's worker

    /**
     * A lane's delivery ended: the next one to send, or null (the lane then waits for new members, or stopped).
     *
     * @param finished the delivery finished (delivered or dead): the one behind it may go
     * @param proceed  the dispatcher is healthy and running: otherwise the lane stops here
     */
    Work next(Lane lane, boolean finished, boolean proceed) {
        synchronized (lane) {
            if (!finished || !proceed || lane.closed) {
                lane.closed = true;
                lane.waiting.forEach(w -> lane.members.remove(w.row().id()));
                lane.waiting.clear();
                lane.running = false;
                return null;
            }
            Work next = lane.waiting.poll();
            if (next == null) {
                lane.running = false;
            }
            return next;
        }
    }

    // ---------------------------------------------------------------------------------- any thread

    @Override
    public void cancelled(Collection<String> ids) {
        Set<String> gone = new HashSet<>(ids);
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                if (lane.waiting.removeIf(w -> gone.contains(w.row().id()))) {
                    lane.members.removeAll(gone);
                }
            }
            endIfDone(lane);
        }
    }

    @Override
    public Hold withdraw(String orderingKey, String id) {
        Lane lane = lanes.get(orderingKey);
        if (lane == null) {
            return Hold.NONE;
        }
        Hold hold;
        synchronized (lane) {
            if (lane.waiting.removeIf(w -> w.row().id().equals(id))) {
                lane.members.remove(id);
                hold = Hold.WITHDRAWN;
            } else {
                // a member not waiting is running, or joined by a transaction that has yet to hand it over
                hold = lane.members.contains(id) ? Hold.SENDING : Hold.NONE;
            }
        }
        endIfDone(lane);
        return hold;
    }

    @Override
    public void withdrawFailed(String orderingKey) {
        Lane lane = lanes.get(orderingKey);
        if (lane == null) {
            return;
        }
        synchronized (lane) {
            lane.closed = true;
            lane.waiting.forEach(w -> lane.members.remove(w.row().id()));
            lane.waiting.clear();
        }
        endIfDone(lane);
    }

    /** Whether a claim is wanted now: something was left pending since the last one. Resets the flag. */
    boolean takeClaimWanted() {
        boolean wanted = claimWanted;
        claimWanted = false;
        return wanted;
    }

    /** Asks for a claim at the next cycle (an admin put work back in line, a claim came back full). */
    void wantClaim() {
        claimWanted = true;
    }

    /** The lane sending this key, or null. */
    Lane lane(String orderingKey) {
        return lanes.get(orderingKey);
    }

    /** Lanes alive (each holds a slot). */
    int alive() {
        return lanes.size();
    }

    /** Every delivery some lane holds: what this node is working on. */
    List<String> working() {
        List<String> ids = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                ids.addAll(lane.members);
            }
        }
        return ids;
    }

    /** A new lane for this row's key, holding a slot, its first member the row; null when there is no slot. */
    private Lane begin(DeliveryRow row) {
        if (lanes.containsKey(row.orderingKey()) || !fair.tryTake(row.targetConnection())) {
            return null;
        }
        Lane lane = new Lane(row.orderingKey(), row.targetConnection());
        lane.members.add(row.id());
        lane.running = true;
        if (lanes.putIfAbsent(row.orderingKey(), lane) != null) {
            fair.finished(row.targetConnection());
            return null;
        }
        return lane;
    }

    private void endIfDone(Lane lane) {
        synchronized (lane) {
            if (lane.ended || !lane.members.isEmpty() || lane.running) {
                return;
            }
            lane.ended = true;
            lane.closed = true;
            lanes.remove(lane.key, lane);
        }
        fair.finished(lane.target);
    }
}
