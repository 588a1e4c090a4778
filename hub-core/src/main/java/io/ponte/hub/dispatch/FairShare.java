package io.ponte.hub.dispatch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * How one node's dispatch slots are shared among target connections, so that one tenant's slow or hanging endpoint
 * cannot hold every slot while other connections' work waits — without slowing a node that has only one busy target.
 * A slot is held by one {@link Lanes lane} (one ordering key this node is sending) from its first delivery to its
 * last.
 *
 * <p>Each target may always hold its fair share (a quarter of the node's slots, never more than its own
 * {@code maxConcurrency}). Beyond that it may take more (up to its own {@code maxConcurrency}) only while a reserve of
 * a quarter of the slots stays free, which any other connection's new work can use at once. A connection over its
 * share is skipped by the claim query once the reserve is reached, so its backlog never crowds the others' rows out
 * of a claim. Thread-safe: the inbox writer, the dispatch loop and the dispatcher's transaction all take slots.
 */
final class FairShare {

    private final int concurrency;
    private final int fair;
    private final ToIntFunction<String> ownLimit;
    private final Map<String, Integer> held = new HashMap<>();
    private int total;

    /**
     * @param concurrency the node's dispatch slots
     * @param ownLimit    a target connection's own concurrency limit ({@code delivery.maxConcurrency})
     */
    FairShare(int concurrency, ToIntFunction<String> ownLimit) {
        this.concurrency = concurrency;
        this.fair = Math.max(1, concurrency / 4);
        this.ownLimit = ownLimit;
    }

    /** Targets whose due work a claim leaves alone now: at their limit, or over their share without room. */
    synchronized Set<String> skip() {
        Set<String> skip = new HashSet<>();
        boolean roomOverShare = total < concurrency - fair;
        held.forEach((target, n) -> {
            if (n >= ownLimit.applyAsInt(target) || (n >= fair && !roomOverShare)) {
                skip.add(target);
            }
        });
        return skip;
    }

    /** Takes a slot for work to {@code target} if the rules above allow it now. */
    synchronized boolean tryTake(String target) {
        int n = held.getOrDefault(target, 0);
        boolean ok = total < concurrency && n < ownLimit.applyAsInt(target)
                && (n < fair || total < concurrency - fair);
        if (ok) {
            held.put(target, n + 1);
            total++;
        }
        return ok;
    }

    /** A slot of this target is free again (its work ended). */
    synchronized void finished(String target) {
        Integer n = held.get(target);
        if (n == null) {
            return;
        }
        if (n > 1) {
            held.put(target, n - 1);
        } else {
            held.remove(target);
        }
        total--;
    }

    /** Free slots, all targets together. */
    synchronized int free() {
        return concurrency - total;
    }
}
