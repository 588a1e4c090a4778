package io.ponte.hub.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
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

    private final Jdbi jdbi;

    Outbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Enqueues new deliveries inside the caller's transaction: the first unfinished one of an ordering key
     * {@code pending}, later ones {@code queued} behind it. A delivery born {@code dead} (routing stopped it at the
     * hop limit) is stored outside every queue.
     */
    static void enqueue(Handle handle, List<DeliveryRow> rows) {
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
        List<DeliveryState> states = DeliveryQueues.enqueue(handle, inLine);
        for (int i = 0; i < inLine.size(); i++) {
            stored.add(inLine.get(i).withStatus(states.get(i)));
        }
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
                             boolean conversational) {
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code owner}: marks them in flight until {@code leaseUntil}
     * and counts the attempt.
     *
     * @return the claimed rows as they were before the claim (attempts not yet incremented)
     */
    public List<DeliveryRow> claim(String owner, long now, ToLongFunction<DeliveryRow> leaseUntil, int limit) {
        return completeAndClaim(owner, now, List.of(), leaseUntil, limit);
    }

    /** Records attempt outcomes in one transaction; rows whose lease this owner lost are left alone. */
    public void complete(String owner, long now, List<Completion> completions) {
        completeAndClaim(owner, now, completions, r -> 0, 0);
    }

    /**
     * Records outcomes, then claims what is due, in one transaction (one commit per dispatcher cycle). Claiming
     * after completing lets the next delivery of a just-finished conversation go out in the same cycle.
     */
    public List<DeliveryRow> completeAndClaim(String owner, long now, List<Completion> completions,
                                              ToLongFunction<DeliveryRow> leaseUntil, int limit) {
        return completeAndClaim(owner, now, completions, leaseUntil, limit, Set.of(), r -> true);
    }

    /**
     * As above, sharing the claim out fairly: due deliveries to the {@code skip} target connections are left alone,
     * and of the rest only those {@code take} accepts (asked once per row, in claim order) are claimed; the others
     * stay due, untouched, for the next claim.
     */
    public List<DeliveryRow> completeAndClaim(String owner, long now, List<Completion> completions,
                                              ToLongFunction<DeliveryRow> leaseUntil, int limit, Set<String> skip,
                                              Predicate<DeliveryRow> take) {
        if (completions.isEmpty() && limit <= 0) {
            return List.of();
        }
        return jdbi.inTransaction(h -> {
            if (!completions.isEmpty()) {
                recordOutcomes(h, owner, now, completions);
            }
            if (limit <= 0) {
                return List.<DeliveryRow>of();
            }
            List<DeliveryRow> rows = DeliveryStore.due(h, now, limit, skip).stream().filter(take).toList();
            DeliveryStore.markInflight(h, owner, now, rows, leaseUntil);
            return rows;
        });
    }

    private static void recordOutcomes(Handle h, String owner, long now, List<Completion> completions) {
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
        DeliveryQueues.finished(h, finished, now);
        ConversationStore.outcomes(h, history);
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
            return row.isPresent() && DeliveryStore.revive(h, id, DeliveryQueues.requeue(h, row.get().orderingKey()),
                    now);
        });
    }

    /** Which deliveries a bulk operation takes: every filter optional, {@code limit} at most 1,000. */
    public record Selection(String tenant, String routeId, String connectionId, Long createdSince, Long createdUntil,
                            int limit) {
    }

    /** Puts dead deliveries back in line, oldest first (each behind its key's current work), fresh budget. */
    public int retryDead(Selection s, long now) {
        return jdbi.inTransaction(h -> {
            List<DeliveryRow> dead = DeliveryStore.select(h, s, Set.of(DeliveryState.DEAD));
            for (DeliveryRow row : dead) {
                DeliveryStore.revive(h, row.id(), DeliveryQueues.requeue(h, row.orderingKey()), now);
            }
            return dead.size();
        });
    }

    /**
     * Cancels deliveries that have not started (pending or queued); the next of each key moves up. One in flight is
     * left alone: its attempt decides.
     */
    public int cancel(Selection s, long now) {
        return jdbi.inTransaction(h -> cancel(h, DeliveryStore.select(h, s, UNSTARTED), now));
    }

    /** Cancels one delivery that has not started; false when it is in flight or finished. */
    public boolean cancel(String id, long now) {
        return jdbi.inTransaction(h -> cancel(h, DeliveryStore.lock(h, id, UNSTARTED).stream().toList(), now) == 1);
    }

    /** Cancels those of {@code rows} that have not started, in the caller's transaction (a contact's erasure). */
    static int cancelUnstarted(Handle h, List<DeliveryRow> rows, long now) {
        return cancel(h, rows.stream().filter(r -> UNSTARTED.contains(r.status())).toList(), now);
    }

    private static int cancel(Handle h, List<DeliveryRow> rows, long now) {
        Map<String, Integer> finished = new HashMap<>();
        for (DeliveryRow row : rows) {
            if (DeliveryStore.cancel(h, row.id(), now)) {
                finished.merge(row.orderingKey(), 1, Integer::sum);
            }
        }
        DeliveryQueues.finished(h, finished, now);
        return finished.values().stream().mapToInt(Integer::intValue).sum();
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
