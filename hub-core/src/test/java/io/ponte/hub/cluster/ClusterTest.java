package io.ponte.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.config.ConfigLoader;
import io.ponte.hub.config.HubConfig;
import io.ponte.hub.limits.Gcra;
import io.ponte.hub.storage.Database;
import io.ponte.hub.storage.Stores;
import io.ponte.hub.testing.ManualClock;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node counting and leases over one database, as two nodes see them. */
class ClusterTest {

    @Test
    void counts_live_nodes_hands_a_lease_to_one_node_and_to_another_once_it_runs_out_or_is_given_back()
            throws Exception {
        HubConfig config = ConfigLoader.load(Map.of("PONTE_DATA_DIR",
                Files.createTempDirectory("ponte-cluster-").toString()), null);
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-12-06T00:00:00Z"));
        try (Database db = new Database(config)) {
            Stores stores = new Stores(db.jdbi());
            Cluster a = new Cluster(stores.cluster(), "node_a", clock);
            Cluster b = new Cluster(stores.cluster(), "node_b", clock);
            a.start();
            b.start();
            assertThat(b.nodes()).isEqualTo(2);

            assertThat(a.lease("poll:c1", Duration.ofSeconds(15))).isTrue();
            assertThat(b.lease("poll:c1", Duration.ofSeconds(15))).as("held by a").isFalse();
            assertThat(a.lease("poll:c1", Duration.ofSeconds(15))).as("a renews its own").isTrue();
            assertThat(b.lease("poll:c2", Duration.ofSeconds(15))).as("another name is free").isTrue();

            clock.advance(Duration.ofSeconds(16));
            assertThat(b.lease("poll:c1", Duration.ofSeconds(15))).as("a stopped renewing: b takes over").isTrue();
            assertThat(a.lease("poll:c1", Duration.ofSeconds(15))).isFalse();

            b.close();
            assertThat(a.lease("poll:c1", Duration.ofSeconds(15))).as("b left: its leases are free at once").isTrue();
            a.close();
        }
    }

    @Test
    void a_node_keeps_its_share_of_a_cluster_wide_limit() {
        assertThat(Gcra.share(6000, 60_000_000_000L, 1).permits()).isEqualTo(6000);
        assertThat(Gcra.share(6000, 60_000_000_000L, 2).permits()).isEqualTo(3000);
        Gcra one = Gcra.share(1, 1_000_000_000L, 2);
        assertThat(one.permits()).isEqualTo(1);
        one.book(0);
        assertThat(one.earliest(0)).as("1/s over two nodes: one every 2 s on each").isEqualTo(2_000_000_000L);
    }
}
