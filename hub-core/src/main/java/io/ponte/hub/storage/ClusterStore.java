package io.ponte.hub.storage;

import org.jdbi.v3.core.Jdbi;

/** The cluster's shared bookkeeping: which nodes are alive, and who holds which lease. */
public final class ClusterStore {

    private final Jdbi jdbi;

    ClusterStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records that {@code node} is alive at {@code now}. */
    public void heartbeat(String node, long now) {
        jdbi.useHandle(h -> {
            int updated = h.createUpdate("UPDATE hub_nodes SET seen_at = :now WHERE node_id = :n")
                    .bind("n", node).bind("now", now).execute();
            if (updated == 0) {
                h.createUpdate("""
                                INSERT INTO hub_nodes (node_id, started_at, seen_at) VALUES (:n, :now, :now)
                                ON CONFLICT DO NOTHING""")
                        .bind("n", node).bind("now", now).execute();
            }
        });
    }

    /** How many nodes were seen since {@code since} (by the index on {@code seen_at}). */
    public int alive(long since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM hub_nodes WHERE seen_at >= :since")
                .bind("since", since).mapTo(Integer.class).one());
    }

    /** Takes {@code node} out of the count (a clean stop) and gives back its leases. */
    public void leave(String node) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM hub_nodes WHERE node_id = :n").bind("n", node).execute();
            h.createUpdate("DELETE FROM hub_leases WHERE node_id = :n").bind("n", node).execute();
        });
    }

    /** Forgets nodes not seen since {@code before}. */
    public int forget(long before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM hub_nodes WHERE seen_at < :b").bind("b", before)
                .execute());
    }

    /**
     * Takes or renews the lease {@code name} for {@code node} until {@code until}: granted when nobody holds it, this
     * node already does, or the holder's lease ran out before {@code now}. One statement each way, so two nodes
     * asking at once cannot both get it.
     */
    public boolean lease(String name, String node, long now, long until) {
        return jdbi.withHandle(h -> {
            int renewed = h.createUpdate("""
                            UPDATE hub_leases SET node_id = :n, expires_at = :until
                            WHERE name = :name AND (node_id = :n OR expires_at < :now)""")
                    .bind("name", name).bind("n", node).bind("now", now).bind("until", until).execute();
            if (renewed == 1) {
                return true;
            }
            return h.createUpdate("""
                            INSERT INTO hub_leases (name, node_id, expires_at) VALUES (:name, :n, :until)
                            ON CONFLICT DO NOTHING""")
                    .bind("name", name).bind("n", node).bind("until", until).execute() == 1;
        });
    }

    /** Gives the lease back if {@code node} holds it. */
    public void release(String name, String node) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM hub_leases WHERE name = :name AND node_id = :n")
                .bind("name", name).bind("n", node).execute());
    }
}
