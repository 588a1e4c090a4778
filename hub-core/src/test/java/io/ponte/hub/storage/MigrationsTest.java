package io.ponte.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The start's shortcut past Flyway: taken only when every bundled migration is applied, on every database. */
class MigrationsTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @Test
    void latest_is_the_highest_bundled_migration() throws IOException {
        Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
        int highest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            highest = files.map(f -> name.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertThat(Migrations.LATEST).as("Migrations.LATEST after adding V%d", highest).isEqualTo(highest);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void only_a_database_with_every_migration_applied_skips_flyway(TestDatabase db) throws Exception {
        try (Database database = OutboxStoreTest.open(db)) {
            var jdbi = database.jdbi();
            assertThat(Migrations.upToDate(dataSource(database))).isTrue();

            jdbi.useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = FALSE WHERE version = '12'"));
            assertThat(Migrations.upToDate(dataSource(database))).as("a failed migration").isFalse();

            jdbi.useHandle(h -> h.execute("DELETE FROM flyway_schema_history WHERE version = '12'"));
            assertThat(Migrations.upToDate(dataSource(database))).as("a missing migration").isFalse();
            // Flyway then runs and, on this half-done schema, says what is wrong instead of a silent start
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> Migrations.apply(dataSource(database), database.isH2()))
                    .hasMessageContaining("12");

            jdbi.useHandle(h -> h.execute("DROP TABLE flyway_schema_history"));
            assertThat(Migrations.upToDate(dataSource(database))).as("no history: a new database").isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void v14_indexes_an_existing_databases_unfinished_deliveries_by_key_and_its_sent_messages_by_ref(TestDatabase db)
            throws Exception {
        try (Database database = OutboxStoreTest.open(db)) {
            var jdbi = database.jdbi();
            // back to the schema as V13 left it, with rows in it
            jdbi.useHandle(h -> {
                h.execute("DROP INDEX deliveries_order");
                h.execute("ALTER TABLE deliveries DROP COLUMN queue_key");
                h.execute("CREATE INDEX deliveries_order ON deliveries (status, ordering_key, id)");
                h.execute("DROP INDEX conversation_messages_ref");
                h.execute("ALTER TABLE conversation_messages DROP COLUMN sent_ref");
                h.execute("CREATE INDEX conversation_messages_ref ON conversation_messages "
                        + "(connection_id, external_ref)");
                h.execute("DELETE FROM flyway_schema_history WHERE version = '14'");
                for (String direction : List.of("inbound", "outbound", "note")) {
                    h.createUpdate("""
                                    INSERT INTO conversation_messages (id, conversation_id, connection_id, direction,
                                        event_id, delivery_id, external_ref, status, status_rank, error, sender_name,
                                        content, created_at, updated_at)
                                    VALUES (:id, 'cnv_1', 'con_A', :direction, 'evt_1', NULL, :ref, 'sent', 2, NULL,
                                        NULL, '{}', 0, 0)""")
                            .bind("id", "msg_" + direction).bind("direction", direction)
                            .bind("ref", "wamid." + direction).execute();
                }
                for (String status : List.of("pending", "queued", "inflight", "delivered", "dead", "cancelled")) {
                    h.createUpdate("""
                                    INSERT INTO deliveries (id, tenant_id, event_id, route_id, target_connection,
                                        action, input, ordering_key, status, attempts, next_attempt_at, lease_owner,
                                        last_error, external_ref, created_at, updated_at, delivered_at)
                                    VALUES (:id, 'default', 'evt_1', NULL, 'con_T', 'message.send', '{}', 'k',
                                        :status, 0, 0, NULL, NULL, NULL, 0, 0, NULL)""")
                            .bind("id", "dlv_" + status).bind("status", status).execute();
                }
            });
            assertThat(Migrations.upToDate(dataSource(database))).isFalse();

            Migrations.apply(dataSource(database), database.isH2());

            assertThat(Migrations.upToDate(dataSource(database))).isTrue();
            var keys = jdbi.withHandle(h -> h.createQuery("SELECT status, queue_key FROM deliveries")
                    .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), String.valueOf(rs.getString(2))))
                    .list());
            assertThat(keys).containsExactlyInAnyOrder(java.util.Map.entry("pending", "k"),
                    java.util.Map.entry("queued", "k"), java.util.Map.entry("inflight", "k"),
                    java.util.Map.entry("delivered", "null"), java.util.Map.entry("dead", "null"),
                    java.util.Map.entry("cancelled", "null"));
            var refs = jdbi.withHandle(h -> h.createQuery("SELECT direction, sent_ref FROM conversation_messages")
                    .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), String.valueOf(rs.getString(2))))
                    .list());
            assertThat(refs).as("only a sent message is found by its provider id").containsExactlyInAnyOrder(
                    java.util.Map.entry("inbound", "null"), java.util.Map.entry("outbound", "wamid.outbound"),
                    java.util.Map.entry("note", "null"));
        }
    }

    private static javax.sql.DataSource dataSource(Database database) {
        return database.dataSource();
    }
}
