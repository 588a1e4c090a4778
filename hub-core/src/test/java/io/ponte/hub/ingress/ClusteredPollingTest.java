package io.ponte.hub.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two hubs on one PostgreSQL: a connection is polled by one of them at a time, and by the other once it stops. */
class ClusteredPollingTest {

    @Test
    void two_nodes_poll_a_connection_once_between_them_and_the_survivor_takes_over() {
        TestDatabase pg = TestDatabase.all().stream().skip(1).findFirst().orElse(null);
        assumeTrue(pg != null, "needs PostgreSQL: set " + TestDatabase.PG_ENV);
        PollingTest.Counter.CURSORS.clear();
        PollingTest.Counter.POLLED_BY.clear();
        String masterKey = Base64.getEncoder().encodeToString(new byte[32]);
        TestHub a = TestHub.builder().database(pg).connectors(new PollingTest.Counter("a"))
                .env("PONTE_MASTER_KEY", masterKey).start();
        try {
            a.createConnection("counter", "numbers", Map.of());
            TestHub.await("a polls", Duration.ofSeconds(10), () -> PollingTest.Counter.POLLED_BY.contains("a"));
        } catch (RuntimeException | Error e) {
            a.close();
            throw e;
        }
        // b opens the connection as it starts: from now on both would poll it every second
        try (TestHub b = TestHub.builder().connectors(new PollingTest.Counter("b")).env("PONTE_MASTER_KEY", masterKey)
                .env("PONTE_DB_URL", a.dbUrl()).start()) {
            try {
                int start = PollingTest.Counter.POLLED_BY.size();
                TestHub.await("five more polls", Duration.ofSeconds(30),
                        () -> PollingTest.Counter.POLLED_BY.size() >= start + 5);
            } finally {
                a.close();
            }
            int before = PollingTest.Counter.POLLED_BY.size();
            TestHub.await("the survivor polls", Duration.ofSeconds(30),
                    () -> PollingTest.Counter.POLLED_BY.size() >= before + 2);
            String order = String.join("", PollingTest.Counter.POLLED_BY);
            assertThat(order).as("a polled alone while it lived, then b alone").matches("a{6,}b{2,}");
            // a poll cut short by a's stop may be repeated by b from the stored cursor: dedupe drops the repeats
            List<String> ids = b.events("type=order.updated").stream().map(e -> e.get("externalId").asText())
                    .toList();
            assertThat(ids).doesNotHaveDuplicates().contains("item-1").hasSizeGreaterThanOrEqualTo(3 * 6);
        }
    }
}
