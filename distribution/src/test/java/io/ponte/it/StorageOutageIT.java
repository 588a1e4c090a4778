package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Storage down: webhooks answer 503 (so providers retry), nothing is half-stored, and the hub recovers by itself.
 * PostgreSQL only (the outage is made by taking the events table away from the hub's schema).
 */
class StorageOutageIT {

    @Test
    void answers_503_while_storage_is_down_and_recovers_without_a_restart() throws Exception {
        TestDatabase pg = TestDatabase.all().stream().filter(d -> d.pgBaseUrl() != null).findFirst().orElse(null);
        assumeTrue(pg != null, "set " + TestDatabase.PG_ENV + " to run");
        try (TestHub hub = TestHub.builder().database(pg).pluginsDir(Distribution.plugins()).start()) {
            String in = hub.createConnection("http", "in", Map.of());
            assertThat(hub.hook(in, "{\"id\":\"before\",\"from\":\"1\",\"text\":\"x\"}").status()).isEqualTo(200);
            String schema = schemaOf(hub);

            sql(pg, "ALTER TABLE " + schema + ".events RENAME TO events_away");
            TestHub.Response down = hub.hook(in, "{\"id\":\"during\",\"from\":\"1\",\"text\":\"x\"}");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.header("Retry-After")).isNotBlank();
            assertThat(down.json().get("type").asText()).isEqualTo("urn:ponte:problem:unavailable");
            assertThat(hub.get("/health/live").status()).isEqualTo(200);

            sql(pg, "ALTER TABLE " + schema + ".events_away RENAME TO events");
            assertThat(hub.hook(in, "{\"id\":\"during\",\"from\":\"1\",\"text\":\"x\"}").status()).isEqualTo(200);
            assertThat(hub.events("connection=" + in)).extracting(e -> e.get("externalId").asText())
                    .containsExactlyInAnyOrder("before", "during");
        }
    }

    private static String schemaOf(TestHub hub) {
        String url = hub.dbUrl();
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length()).split("&")[0];
    }

    private static void sql(TestDatabase pg, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.pgBaseUrl()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
