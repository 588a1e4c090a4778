package io.ponte.hub.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox: deliveries enqueued with the events that caused them, claimed by dispatchers, completed (delivered,
 * retried later, or dead-lettered), and put back in line or cancelled by admins. Every move between
 * {@link DeliveryState}s goes through here, together with the bookkeeping of each ordering key's queue
 * ({@link DeliveryQueues}: only the oldest unfinished delivery of a key is ever claimable, which keeps each key in
 * order) and, for messages, the conversation's history.
 *
 * <p>It lives in {@code storage} because enqueueing runs inside the inbox's group commit and completing inside the
 * dispatcher's claim transaction: both need the caller's open transaction, which never leaves this package.
 *
 * <p>Thread-safe; every method is one transaction. Claims use {@code FOR UPDATE SKIP LOCKED}, so several nodes can
 * share one database. Database failures are thrown ({@code JdbiException}) with the transaction rolled back.
 */
public final class Outbox {

    private static final Set<DeliveryState> UNSTARTED = Set.of(DeliveryState.PENDING, DeliveryState.QUEUED);
    /** The most queued deliveries a lane takes over at once from the queue of a key it starts sending. */
    private static final int ADOPT = 500;

    private final Jdbi jdbi;
    private volatile Local local = Local.NONE;

    Outbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * This node's in-memory side of the outbox: the dispatcher's lanes. Deliveries it takes are put in flight by the
     * same transaction that stores or promotes them (the inbox's group commit, the dispatcher's cycle), so starting
     * them costs no claim query and no second write; and it sends the later deliveries of a key it is already
     * sending one after another in memory, recording their outcomes afterwards in group commits.
     *
     * <p>Every call but {@link #enqueueEnded} and {@link #cancelled} is made inside the transaction, with the key's
     * queue row locked ({@code delivery_queues}), which serializes it with every other node's decisions on that key.
     */
    public interface Local {
        /**
         * A new delivery heads the queue of an idle key (nothing unfinished before it).
         *
         * @return the lease expiry if this node takes it in flight at once (the caller stores it so), else 0
         */
        long head(DeliveryRow row, String eventBody);

        /**
         * A new delivery queues behind {@code unfinished} unfinished ones of its key. True if this node will send it
         * in memory after them (only when it is sending every one of them); it stays {@code queued} in the
         * database until its outcome is recorded.
         */
        boolean follow(DeliveryRow row, String eventBody, int unfinished);

        /** The inbox's transaction that asked the two questions above ended, committed or rolled back. */
        void enqueueEnded(boolean committed);

        /** Whether this node is sending this key now (promotion then leaves the key to it). */
        boolean sending(String orderingKey);

        /**
         * The next delivery of a key whose head just finished.
         *
         * @return the lease expiry if this node takes it in flight at once, else 0 (it becomes pending)
         */
        long promoted(DeliveryRow row);

        /**
         * The next delivery of a key whose head just finished while this node's lane for the key is still sending
         * it (from memory).
         *
         * @return the lease expiry to mark it in flight for this node with (a crash of this node then hands the key
         *         back through the lease), or 0 to leave it queued
         */
        long keeps(DeliveryRow row);

        /**
         * The oldest queued deliveries of the key whose head {@link #promoted} just took, in order (the key's queue
         * row is locked): this node sends them after the head, from memory, as it sends {@link #follow}ers.
         */
        void adopt(DeliveryRow head, List<DeliveryRow> tail);

        /** These deliveries were cancelled (committed): not to be sent. */
        void cancelled(java.util.Collection<String> ids);

        /**
         * Before a cancel of a queued delivery commits (its key's queue row locked): takes it out of this node's lane
         * for the key, so the lane will not send it from memory. {@link Hold#SENDING}: the lane already took it (it
         * is being sent, or about to be), so it can no longer be cancelled.
         */
        Hold withdraw(String orderingKey, String id);

        /**
         * A cancel that {@link #withdraw withdrew} a delivery of this key did not commit: the delivery is still
         * queued, so the lane stops before the deliveries behind it, and they move up through the queue in order.
         */
        void withdrawFailed(String orderingKey);

        /** Where a queued delivery stands in this node's lanes. */
        enum Hold {
            /** No lane of this node holds it. */
            NONE,
            /** It was waiting in a lane and was taken out. */
            WITHDRAWN,
            /** The lane has taken it to send. */
            SENDING
        }

        /** Takes nothing: every delivery goes through the claim query. */
        Local NONE = new Local() {
            @Override
            public long head(DeliveryRow row, String eventBody) {
                return 0;
            }

            @Override
            public boolean follow(DeliveryRow row, String eventBody, int unfinished) {
                return false;
            }

            @Override
            public void enqueueEnded(boolean committed) {
            }

            @Override
            public boolean sending(String orderingKey) {
                return false;
            }

            @Override
            public long promoted(DeliveryRow row) {
                return 0;
            }

            @Override
            public long keeps(DeliveryRow row) {
                return 0;
            }

            @Override
            public void adopt(DeliveryRow head, List<DeliveryRow> tail) {
            }

            @Override
            public void cancelled(java.util.Collection<String> ids) {
            }

            @Override
            public Hold withdraw(String orderingKey, String id) {
                return Hold.NONE;
            }

            @Override
            public void withdrawFailed(String orderingKey) {
            }
        };
    }

    /** Attaches this node's dispatcher (see {@link Local}); {@code owner} is the node id its leases carry. */
    public void attach(Local local, String owner) {
        this.local = local;
        this.owner = owner;
    }

    private volatile String owner;
    private volatile Boolean postgres;

    /** Whether this outbox's database is PostgreSQL (else H2): a few statements differ. */
    private boolean postgres(Handle h) {
        Boolean pg = postgres;
        if (pg == null) {
            try {
                pg = h.getConnection().getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            } catch (java.sql.SQLException e) {
                throw new org.jdbi.v3.core.ConnectionException(e);
            }
            postgres = pg;
        }
        return pg;
    }

    Local local() {
        return local;
    }

    String owner() {
        return owner;
    }

    /**
     * Enqueues new deliveries inside the caller's transaction: the first unfinished one of an ordering key
     * {@code pending}, later ones {@code queued} behind it. A delivery born {@code dead} (routing stopped it at the
     * hop limit) is stored outside every queue.
     */
    void enqueue(Handle handle, List<DeliveryRow> rows, Map<String, String> bodies) {
        Set<String> waiting = DeliveryQueues.waitingFollowUps(handle, rows.stream()
                .filter(r -> FOLLOW_UP.equals(r.routeId()) && r.status() != DeliveryState.DEAD).toList());
        List<DeliveryRow> inLine = new ArrayList<>(rows.size());
        List<DeliveryRow> stored = new ArrayList<>(rows.size());
        for (DeliveryRow r : rows) {
            if (r.status() == DeliveryState.DEAD) {
                stored.add(r);
            } else if (FOLLOW_UP.equals(r.routeId()) && !waiting.add(r.orderingKey() + " " + r.action())) {
                stored.add(r.coalesced());
            } else {
                inLine.add(r);
            }
        }
        Local here = local;
        DeliveryQueues.enqueue(handle, inLine, (row, unfinished) -> {
            if (unfinished == 0) {
                long lease = here.head(row, bodies.get(row.eventId()));
                stored.add(lease > 0 ? row.inflight(owner, lease) : row.withStatus(DeliveryState.PENDING));
            } else {
                here.follow(row, bodies.get(row.eventId()), unfinished);
                stored.add(row.withStatus(DeliveryState.QUEUED));
            }
        }, postgres(handle));
        DeliveryStore.insert(handle, stored);
    }

    /** The route id of a follow-up's delivery (see {@link io.ponte.api.message.FollowUp}). */
    public static final String FOLLOW_UP = "follow-up";

    /** The ordering key of a connection's follow-ups of one resource: one runs at a time, in order. */
    public static String followUpKey(String connectionId, String resource) {
        return connectionId + "|follow-up:" + resource;
    }

    /**
     * The outcome of one attempt: {@code status} {@code delivered}, {@code dead} (dead-lettered) or {@code pending}
     * (try again at {@code nextAttemptAt}); {@code refund} 1 gives the attempt back (the target was paused or
     * throttled, not tried); {@code conversational} when the delivery is a message in a conversation's history (a
     * {@code message.send}), whose row then shows the outcome.
     */
    public record Completion(String id, String orderingKey, DeliveryState status, long nextAttemptAt,
                             String lastError, String externalRef, Long deliveredAt, int refund,
                             boolean conversational, boolean fromQueue) {

        /** The outcome of a delivery this node claimed (it was in flight, leased to it). */
        public Completion(String id, String orderingKey, DeliveryState status, long nextAttemptAt, String lastError,
                          String externalRef, Long deliveredAt, int refund, boolean conversational) {
            this(id, orderingKey, status, nextAttemptAt, lastError, externalRef, deliveredAt, refund,
                    conversational, false);
        }

        /** 1 when the delivery was sent straight from its queue ({@link Local#follow}): its attempt is counted now. */
        public int started() {
            return fromQueue ? 1 : 0;
        }
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code owner}: marks them in flight until {@code leaseUntil}
     * and counts the attempt.
     *
     * @return the claimed rows as they were before the claim (attempts not yet incremented)
     */
    public List<DeliveryRow> claim(String owner, long now, ToLongFunction<DeliveryRow> leaseUntil, int limit) {
        return completeAndClaim(owner, now, List.of(), () -> { }, () -> limit, Set::of, leaseUntil).claimed();
    }

    /** Records attempt outcomes in one transaction; rows whose lease this owner lost are left alone. */
    public void complete(String owner, long now, List<Completion> completions) {
        completeAndClaim(owner, now, completions, () -> { }, () -> 0, Set::of, r -> 0);
    }

    /**
     * What one dispatcher cycle put in flight for its node: {@code promoted}, the next deliveries of keys whose head
     * finished in the cycle that {@link Local#promoted} took, and {@code claimed}, due rows the claim query found.
     * Both as they were before (attempts not yet incremented).
     */
    public record Cycle(List<DeliveryRow> promoted, List<DeliveryRow> claimed) {
    }

    /**
     * One dispatcher cycle in one transaction (one commit however much it moves): records outcomes, promotes the next
     * delivery of each key whose head finished (handing it to {@link Local#promoted} first), then claims due rows.
     *
     * @param recorded runs inside the transaction after the outcomes' queue counts changed and before promotion and
     *                 the claim (the dispatcher forgets the lanes whose work ended there)
     * @param limit    how many rows to claim at most, asked after {@code recorded}
     * @param skip     the target connections the claim leaves alone, asked after {@code recorded}
     * @param take     per due row, in claim order: its lease expiry if claimed, 0 to leave it due
     */
    public Cycle completeAndClaim(String owner, long now, List<Completion> completions, Runnable recorded,
                                  java.util.function.IntSupplier limit,
                                  java.util.function.Supplier<Set<String>> skip,
                                  ToLongFunction<DeliveryRow> take) {
        return jdbi.inTransaction(h -> cycle(h, owner, now, completions, recorded, limit, skip, take));
    }

    /**
     * {@link #completeAndClaim} as work for a transaction someone else commits ({@link Alongside}); its result is
     * the cycle.
     */
    public Alongside<Cycle> cycle(String owner, long now, List<Completion> completions, Runnable recorded,
                                  java.util.function.IntSupplier limit,
                                  java.util.function.Supplier<Set<String>> skip, ToLongFunction<DeliveryRow> take) {
        return new Alongside<>(h -> cycle(h, owner, now, completions, recorded, limit, skip, take));
    }

    /**
     * One step of the retention's walk over the queue rows: the next {@code limit} after key {@code after} (null:
     * from the first), those of idle conversations deleted ({@link DeliveryQueues#purgeIdle}), as work for a
     * transaction: on H2 the inbox's writer commits it, so it never races an enqueue for a row.
     */
    public Alongside<Purged> purgeIdleQueues(String after, int limit) {
        return new Alongside<>(h -> DeliveryQueues.purgeIdle(h, after, limit));
    }

    /** Commits storage work in a transaction of its own. */
    public void commitAlone(Alongside<?> work) {
        jdbi.useTransaction(work::run);
    }

    private Cycle cycle(Handle h, String owner, long now, List<Completion> completions, Runnable recorded,
                        java.util.function.IntSupplier limit, java.util.function.Supplier<Set<String>> skip,
                        ToLongFunction<DeliveryRow> take) {
        {
            List<DeliveryRow> promoted = new ArrayList<>();
            if (!completions.isEmpty()) {
                Map<String, Integer> finished = recordOutcomes(h, owner, now, completions);
                recorded.run();
                DeliveryQueues.promote(h, finished, now, local, owner, promoted);
                for (DeliveryRow head : promoted) {
                    if (finished.getOrDefault(head.orderingKey(), 0) > 1) {
                        // the key's queued tail joins the lane that now sends it: a backlog then drains at the
                        // lane's pace, not one promotion per cycle (the key's queue row is locked: all of the key's
                        // unfinished deliveries are the head and this tail)
                        local.adopt(head, DeliveryStore.queued(h, head.orderingKey(), ADOPT));
                    }
                }
            } else {
                recorded.run();
            }
            int max = limit.getAsInt();
            if (max <= 0) {
                return new Cycle(promoted, List.of());
            }
            List<DeliveryRow> claimed = new ArrayList<>();
            Map<DeliveryRow, Long> leases = new java.util.IdentityHashMap<>();
            for (DeliveryRow row : DeliveryStore.due(h, now, max, skip.get())) {
                long lease = take.applyAsLong(row);
                if (lease > 0) {
                    claimed.add(row);
                    leases.put(row, lease);
                }
            }
            DeliveryStore.markInflight(h, owner, now, claimed, leases::get);
            return new Cycle(promoted, claimed);
        }
    }

    private Map<String, Integer> recordOutcomes(Handle h, String owner, long now, List<Completion> completions) {
        int[] applied = DeliveryStore.complete(h, owner, now, completions);
        Map<String, Integer> finished = new HashMap<>();
        List<ConversationStore.Outcome> history = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            // a row whose lease this node lost was not updated here: it is not ours to count out
            if (applied[i] != 0 && c.status().finished()) {
                finished.merge(c.orderingKey(), 1, Integer::sum);
                if (c.conversational()) {
                    boolean sent = c.status() == DeliveryState.DELIVERED;
                    history.add(new ConversationStore.Outcome(ConversationStore.messageIdOf(c.id()),
                            sent ? "sent" : "failed", sent ? null : c.lastError(), c.externalRef(), now));
                }
            }
        }
        DeliveryQueues.countOut(h, finished, postgres(h));
        ConversationStore.outcomes(h, history);
        return finished;
    }

    /** Hands this node's in-flight deliveries back (called at start-up: they were cut off by a crash). */
    public int releaseLeases(String owner, long now) {
        return jdbi.withHandle(h -> DeliveryStore.releaseLeases(h, owner, now));
    }

    /**
     * Hands back this node's in-flight deliveries except those it is still working on: after a cycle whose commit
     * failed without saying whether it happened (the connection dropped mid-commit), claims it never started may be
     * recorded as this node's; without this they would wait for their lease to run out.
     */
    public int releaseLeasesExcept(String owner, long now, java.util.Collection<String> working) {
        return jdbi.withHandle(h -> DeliveryStore.releaseLeasesExcept(h, owner, now, working));
    }

    public Optional<DeliveryRow> get(String id) {
        return jdbi.withHandle(h -> DeliveryStore.get(h, id));
    }

    /** Puts a dead delivery back in line (pending, or queued behind its key's current work), fresh budget. */
    public boolean retry(String id, long now) {
        return jdbi.inTransaction(h -> {
            Optional<DeliveryRow> row = DeliveryStore.lock(h, id, Set.of(DeliveryState.DEAD));
            return row.isPresent() && revive(h, List.of(row.get()), now) == 1;
        });
    }

    /**
     * Counts dead deliveries back into their keys' queues (the keys' rows locked in key order, as every enqueue locks
     * them) and revives each, oldest first per key: pending if its key was idle, else queued.
     */
    private int revive(Handle h, List<DeliveryRow> dead, long now) {
        Map<String, DeliveryState> states = new HashMap<>();
        DeliveryQueues.enqueue(h, dead, (row, before) -> states.put(row.id(),
                before == 0 ? DeliveryState.PENDING : DeliveryState.QUEUED), postgres(h));
        int revived = 0;
        for (DeliveryRow row : dead) {
            revived += DeliveryStore.revive(h, row.id(), states.get(row.id()), now) ? 1 : 0;
        }
        return revived;
    }

    /** Which deliveries a bulk operation takes: every filter optional, {@code limit} at most 1,000. */
    public record Selection(String tenant, String routeId, String connectionId, Long createdSince, Long createdUntil,
                            int limit) {
    }

    /** Puts dead deliveries back in line, oldest first (each behind its key's current work), fresh budget. */
    public int retryDead(Selection s, long now) {
        return jdbi.inTransaction(h -> {
            return revive(h, DeliveryStore.select(h, s, Set.of(DeliveryState.DEAD), true), now);
        });
    }

    /**
     * Cancels deliveries that have not started (pending or queued); the next of each key moves up. One in flight is
     * left alone: its attempt decides; so is one queued in a lane, this node's or another's, that has already taken
     * it to send (see {@link #cancel(String, long)}).
     */
    public int cancel(Selection s, long now) {
        List<String> ids = new ArrayList<>();
        Set<String> withdrawn = new HashSet<>();
        int n;
        try {
            n = jdbi.inTransaction(h -> {
                ids.clear();
                // not locked here: takeable locks their keys' queue rows first, then each row, in the order every
                // enqueue and cycle locks them
                List<DeliveryRow> rows = DeliveryStore.select(h, s, UNSTARTED, false);
                List<DeliveryRow> take = new ArrayList<>();
                for (Map.Entry<DeliveryRow, Cancel> e : takeable(h, rows, now, withdrawn).entrySet()) {
                    if (e.getValue().outcome() == CancelOutcome.CANCELLED) {
                        take.add(e.getKey());
                        ids.add(e.getKey().id());
                    }
                }
                return cancel(h, take, now);
            });
        } catch (RuntimeException e) {
            withdrawn.forEach(local::withdrawFailed);
            throw e;
        }
        local.cancelled(ids);
        return n;
    }

    /** What a cancel of one delivery did. */
    public enum CancelOutcome {
        CANCELLED,
        /** It was in flight or finished already. */
        STARTED,
        /** This node's lane for its conversation has taken it to send. */
        SENDING_HERE,
        /** Another node's lane is sending its conversation and may hold it in memory: that node decides. */
        HELD_BY_NODE
    }

    /** @param node for {@link CancelOutcome#HELD_BY_NODE}: the node whose lane holds it */
    public record Cancel(CancelOutcome outcome, String node) {
    }

    /**
     * Cancels one delivery that has not started. A queued delivery may wait in a lane, which sends a conversation's
     * deliveries one after another from memory: this node's lane gives it up if it has not taken it yet; another
     * node's lane cannot be reached from here, so the delivery is left to it while that node holds the
     * conversation's lease.
     */
    public Cancel cancel(String id, long now) {
        Set<String> withdrawn = new HashSet<>();
        Cancel result;
        try {
            result = jdbi.inTransaction(h -> {
                Optional<DeliveryRow> row = DeliveryStore.get(h, id);
                if (row.isEmpty() || !UNSTARTED.contains(row.get().status())) {
                    return new Cancel(CancelOutcome.STARTED, null);
                }
                Map<DeliveryRow, Cancel> decided = takeable(h, List.of(row.get()), now, withdrawn);
                Map.Entry<DeliveryRow, Cancel> only = decided.entrySet().iterator().next();
                if (only.getValue().outcome() != CancelOutcome.CANCELLED) {
                    return only.getValue();
                }
                return cancel(h, List.of(only.getKey()), now) == 1 ? only.getValue()
                        : new Cancel(CancelOutcome.STARTED, null);
            });
        } catch (RuntimeException e) {
            withdrawn.forEach(local::withdrawFailed);
            throw e;
        }
        if (result.outcome() == CancelOutcome.CANCELLED) {
            local.cancelled(List.of(id));
        } else {
            withdrawn.forEach(local::withdrawFailed);
        }
        return result;
    }

    /**
     * Which of {@code candidates} a cancel may take, each as locked now (in the caller's transaction): their keys'
     * queue rows first (in key order, as every enqueue, cycle and outcome locks them, so this never deadlocks with
     * them and sees every other node's lane decisions on those keys committed), then each row. Withdraws the taken
     * queued ones from this node's lanes (their keys are added to {@code withdrawn}).
     */
    private Map<DeliveryRow, Cancel> takeable(Handle h, List<DeliveryRow> candidates, long now,
                                              Set<String> withdrawn) {
        Map<DeliveryRow, Cancel> out = new LinkedHashMap<>();
        if (candidates.isEmpty()) {
            return out;
        }
        List<String> keys = candidates.stream().map(DeliveryRow::orderingKey).distinct().sorted().toList();
        DeliveryQueues.lock(h, keys);
        Map<String, String> leasedElsewhere = DeliveryStore.leasedElsewhere(h, keys, owner, now);
        for (DeliveryRow candidate : candidates) {
            Optional<DeliveryRow> locked = DeliveryStore.lock(h, candidate.id(), UNSTARTED);
            if (locked.isEmpty()) {
                out.put(candidate, new Cancel(CancelOutcome.STARTED, null));
                continue;
            }
            DeliveryRow row = locked.get();
            if (row.status() == DeliveryState.QUEUED) {
                String node = leasedElsewhere.get(row.orderingKey());
                if (node != null) {
                    out.put(row, new Cancel(CancelOutcome.HELD_BY_NODE, node));
                    continue;
                }
                Local.Hold hold = local.withdraw(row.orderingKey(), row.id());
                if (hold == Local.Hold.SENDING) {
                    out.put(row, new Cancel(CancelOutcome.SENDING_HERE, null));
                    continue;
                }
                if (hold == Local.Hold.WITHDRAWN) {
                    withdrawn.add(row.orderingKey());
                }
            }
            out.put(row, new Cancel(CancelOutcome.CANCELLED, null));
        }
        return out;
    }

    /**
     * What an erasure could not take now, because it is being sent, and what it cancelled meanwhile.
     *
     * @param node the node whose lane holds some of them, or null (this node, or in flight anywhere)
     */
    public record Busy(int deliveries, String node, int cancelled) {
        /** For the conflict an admin reads: how many, which node to wait for, what was done already. */
        public String describe() {
            return deliveries + (deliveries == 1 ? " delivery" : " deliveries") + " about this contact "
                    + (deliveries == 1 ? "is" : "are") + " being sent right now"
                    + (node == null ? "" : " (by node " + node + ")")
                    + (cancelled == 0 ? "" : "; the " + cancelled + " not started yet were cancelled and will not be sent")
                    + "; retry in a few seconds to erase the contact";
        }
    }

    /**
     * Cancels every one of {@code rows} (a contact's erasure) that has not started, in the caller's transaction, with
     * the single cancel's rules. Those it cannot take (in flight, taken by this node's lane, or queued behind a key
     * another node is sending from memory) are counted in the result, or it is null when none is left: only then may
     * the caller delete the rows. The cancels stand either way (the caller commits them), so a retried erasure waits
     * only for what was being sent. {@link #erasureEnded} tells this node's lanes once the transaction ended.
     *
     * @param withdrawn collects the keys whose waiting deliveries this node's lanes gave up
     */
    Busy cancelForErasure(Handle h, List<DeliveryRow> rows, long now, Set<String> withdrawn) {
        List<DeliveryRow> open = rows.stream().filter(r -> UNSTARTED.contains(r.status())
                || r.status() == DeliveryState.INFLIGHT).toList();
        if (open.isEmpty()) {
            return null;
        }
        // locks the keys' queue rows, then each unstarted delivery (a claim cannot start them meanwhile)
        Map<DeliveryRow, Cancel> decided = takeable(h, open, now, withdrawn);
        int busy = 0;
        String node = null;
        List<DeliveryRow> cancellable = new ArrayList<>();
        for (Map.Entry<DeliveryRow, Cancel> d : decided.entrySet()) {
            switch (d.getValue().outcome()) {
                case CANCELLED -> cancellable.add(d.getKey());
                case SENDING_HERE -> busy++;
                case HELD_BY_NODE -> {
                    busy++;
                    node = d.getValue().node();
                }
                case STARTED -> {
                    // in flight, or finished meanwhile (which an erasure simply deletes)
                    if (DeliveryStore.get(h, d.getKey().id()).map(r -> r.status() == DeliveryState.INFLIGHT)
                            .orElse(false)) {
                        busy++;
                    }
                }
            }
        }
        int cancelled = cancel(h, cancellable, now);
        return busy == 0 ? null : new Busy(busy, node, cancelled);
    }

    /**
     * The erasure's transaction ended: on a commit, this node's lanes forget the cancelled deliveries; otherwise the
     * lanes that gave some up stop before them, and they move up through the queue in order.
     */
    void erasureEnded(boolean committed, java.util.Collection<String> cancelled, Set<String> withdrawn) {
        if (committed) {
            local.cancelled(cancelled);
        } else {
            withdrawn.forEach(local::withdrawFailed);
        }
    }

    private int cancel(Handle h, List<DeliveryRow> rows, long now) {
        Map<String, Integer> finished = new HashMap<>();
        for (DeliveryRow row : rows) {
            if (DeliveryStore.cancel(h, row.id(), now)) {
                finished.merge(row.orderingKey(), 1, Integer::sum);
            }
        }
        int cancelled = finished.values().stream().mapToInt(Integer::intValue).sum();
        DeliveryQueues.countOut(h, finished, postgres(h));
        DeliveryQueues.promote(h, finished, now, local, null, new ArrayList<>());
        return cancelled;
    }

    /** Newest first; every filter optional. */
    public Page<DeliveryRow> list(String tenant, DeliveryState status, String routeId, String connectionId,
                                  String eventId, String cursor, int limit) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("tenant_id", tenant);
        filters.put("status", status == null ? null : status.value());
        filters.put("route_id", routeId);
        filters.put("target_connection", connectionId);
        filters.put("event_id", eventId);
        return NewestFirst.page(jdbi, "deliveries", DeliveryRow.class, filters, cursor, limit, DeliveryRow::id);
    }

    /** Outbox depth and the creation time of the oldest unfinished delivery (null when empty). */
    public record Backlog(long depth, Long oldestCreatedAt) {
    }

    public Backlog backlog() {
        return jdbi.withHandle(DeliveryStore::backlog);
    }
}
