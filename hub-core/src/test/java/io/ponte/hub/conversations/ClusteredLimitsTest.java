package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request limit is the cluster's: with two nodes alive, each lets through its half. */
class ClusteredLimitsTest {

    @Test
    void two_nodes_each_keep_half_of_the_webhook_limit() {
        TestDatabase pg = TestDatabase.all().stream().skip(1).findFirst().orElse(null);
        assumeTrue(pg != null, "needs PostgreSQL: set " + TestDatabase.PG_ENV);
        String masterKey = Base64.getEncoder().encodeToString(new byte[32]);
        try (TestHub a = TestHub.builder().database(pg).connectors(new ChatConnector())
                .env("PONTE_MASTER_KEY", masterKey).env("PONTE_RATE_LIMIT_HOOKS", "10/1h").start()) {
            String chat = a.createConnection("chat", "chat", Map.of());
            TestHub.Response alone = a.hook(chat, "[{\"kind\":\"message\",\"id\":\"m0\",\"from\":\"1\",\"text\":\"x\"}]");
            assertThat(alone.raw().headers().firstValue("RateLimit-Limit")).as("one node: the whole limit")
                    .hasValue("10");
            try (TestHub b = TestHub.builder().connectors(new ChatConnector()).env("PONTE_MASTER_KEY", masterKey)
                    .env("PONTE_DB_URL", a.dbUrl()).env("PONTE_RATE_LIMIT_HOOKS", "10/1h").start()) {
                int allowed = 0;
                for (int i = 1; i <= 8; i++) {
                    TestHub.Response r = b.hook(chat, "[{\"kind\":\"message\",\"id\":\"m" + i
                            + "\",\"from\":\"1\",\"text\":\"x\"}]");
                    if (r.status() == 429) {
                        assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
                        break;
                    }
                    assertThat(r.status()).as(r.body()).isLessThan(300);
                    assertThat(r.raw().headers().firstValue("RateLimit-Limit")).hasValue("5");
                    allowed++;
                }
                assertThat(allowed).as("b's share of 10/h with two nodes alive").isEqualTo(5);
            }
        }
    }
}
