package io.ponte.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.hub.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * With {@code WRITE_DELAY=0} H2 never compacts by itself, so a file that takes one small commit after another keeps
 * the chunks a few live pages pin: it grows with every commit. The hub compacts it itself.
 */
class H2HousekeepingTest {

    private static final int COMMITS = 3_000;

    @Test
    void the_hubs_h2_file_stays_compact_under_commits_that_h2_alone_leaves_sparse() throws Exception {
        Path alone = Files.createTempDirectory("ponte-h2-alone-");
        String url = Database.h2Url("jdbc:h2:file:" + alone.resolve("ponte"));
        int aloneLive;
        long aloneChunks;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            MVStore store = mvStore(c);
            store.setRetentionTime(0); // the 45 s H2 waits before reusing a chunk, shortened for a test
            workload(c, 0, null);
            aloneLive = store.getFileStore().getChunksFillRate();
            aloneChunks = chunkCount(store);
        }

        Path dir = Files.createTempDirectory("ponte-h2-hub-");
        try (Database db = new Database(ConfigLoader.load(Map.of("PONTE_DATA_DIR", dir.toString()), null))) {
            H2Housekeeping housekeeping = db.h2Housekeeping().orElseThrow();
            long chunksAfterWorkload;
            housekeeping.store().setRetentionTime(0);
            try (Connection c = db.dataSource().getConnection()) {
                workload(c, 0, housekeeping);
                workload(c, COMMITS, housekeeping);
                chunksAfterWorkload = housekeeping.chunks();
                try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*), SUM(v) FROM t")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("every row kept").isEqualTo(2L * COMMITS);
                    assertThat(rs.getLong(2)).as("every update kept").isEqualTo(2L * COMMITS);
                }
            }
            assertThat(aloneLive).as("the chunks H2 alone leaves are mostly dead bytes").isLessThan(25);
            assertThat(housekeeping.liveRatio()).as("compacted as it went, the chunks hold mostly live bytes")
                    .isGreaterThanOrEqualTo(0.4);
            assertThat(housekeeping.steps()).isPositive();
            assertThat(chunksAfterWorkload).as("twice the rows in a third of the chunks: the sparse ones' live pages moved into few new ones")
                    .isPositive().isLessThan(aloneChunks / 3);
        }
    }

    @Test
    void a_step_waits_until_the_commits_since_the_last_one_have_earned_a_whole_megabyte() throws Exception {
        // every page moved is written with its path to its map's root, which the next commits rewrite: small steps
        // wrote chunks soon half dead (BENCHMARKS.md, session 33), so a step moves STEP_BYTES at once or nothing
        Path dir = Files.createTempDirectory("ponte-h2-step-");
        try (Database db = new Database(ConfigLoader.load(Map.of("PONTE_DATA_DIR", dir.toString()), null))) {
            H2Housekeeping housekeeping = db.h2Housekeeping().orElseThrow();
            housekeeping.close(); // its thread stopped: this test takes the steps
            housekeeping.store().setRetentionTime(0);
            int earning = H2Housekeeping.STEP_BYTES / H2Housekeeping.BYTES_PER_COMMIT;
            try (Connection c = db.dataSource().getConnection()) {
                commits(c, 0, earning - 20);
                assertThat(housekeeping.step()).as("about %d commits have not earned a step", earning - 20).isFalse();
                assertThat(housekeeping.steps()).isZero();
                commits(c, earning - 20, earning + 10);
                assertThat(housekeeping.step()).as("%d commits have", earning + 10).isTrue();
                assertThat(housekeeping.steps()).isEqualTo(1);
                assertThat(housekeeping.step()).as("and the next step starts earning from nothing").isFalse();
            }
        }
    }

    @Test
    void compact_database_shrinks_a_stopped_hubs_file_to_its_live_data_and_keeps_every_row() throws Exception {
        Path dir = Files.createTempDirectory("ponte-h2-compact-");
        var config = ConfigLoader.load(Map.of("PONTE_DATA_DIR", dir.toString()), null);
        try (Database db = new Database(config); Connection c = db.dataSource().getConnection()) {
            workload(c, 0, null); // a file grown before the hub compacted while running
        }
        // (with the hub running, in another process, H2's file lock refuses: CompactDatabaseIT)

        H2Housekeeping.Compacted compacted = H2Housekeeping.compactFile(config);

        assertThat(compacted.file()).isEqualTo(dir.resolve("ponte.mv.db"));
        assertThat(compacted.bytesAfter()).as("only the live pages are left").isLessThan(compacted.bytesBefore() / 2);
        assertThat(Files.size(compacted.file())).isEqualTo(compacted.bytesAfter());
        try (Database db = new Database(config); Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*), SUM(v) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(COMMITS);
            assertThat(rs.getLong(2)).isEqualTo(COMMITS);
        }
    }

    @Test
    void compact_database_says_what_is_wrong_when_there_is_no_h2_file_to_compact() throws Exception {
        Path empty = Files.createTempDirectory("ponte-h2-none-");
        assertThatThrownBy(() -> H2Housekeeping.compactFile(
                ConfigLoader.load(Map.of("PONTE_DATA_DIR", empty.toString()), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("there is no database at");
        assertThat(empty.resolve("ponte.mv.db")).as("none created").doesNotExist();
        assertThatThrownBy(() -> H2Housekeeping.compactFile(ConfigLoader.load(Map.of("PONTE_DATA_DIR",
                empty.toString(), "PONTE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test"), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PostgreSQL");
    }

    /**
     * Like the inbox: one commit per row, keyed in time order, with a secondary index and an update of a row; with
     * {@code housekeeping}, one of its steps every 50 rows (its thread's 50 ms at about a thousand commits a second).
     */
    private static void workload(Connection c, int from, H2Housekeeping housekeeping) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY, k VARCHAR(40), v INT, body VARCHAR(400))");
            s.execute("CREATE INDEX IF NOT EXISTS t_k ON t (k, id)");
        }
        c.setAutoCommit(true);
        String body = "x".repeat(300);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, k, v, body) VALUES (?, ?, 0, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE t SET v = v + 1 WHERE id = ?")) {
            for (int i = from; i < from + COMMITS; i++) {
                insert.setLong(1, i);
                insert.setString(2, "key-" + (i * 7919 % 1000));
                insert.setString(3, body);
                insert.executeUpdate();
                update.setLong(1, i);
                update.executeUpdate();
                if (housekeeping != null && i % 50 == 49) {
                    housekeeping.step();
                }
            }
        }
    }

    /** Commits {@code from} to {@code to}, one statement each: the even ones insert a row, the odd ones update it. */
    private static void commits(Connection c, int from, int to) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY, k VARCHAR(40), v INT, body VARCHAR(400))");
        }
        c.setAutoCommit(true);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, k, v, body) VALUES (?, 'k', 0, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE t SET v = v + 1 WHERE id = ?")) {
            for (int i = from; i < to; i++) {
                PreparedStatement statement = i % 2 == 0 ? insert : update;
                statement.setLong(1, i / 2);
                if (i % 2 == 0) {
                    insert.setString(2, "x".repeat(300));
                }
                statement.executeUpdate();
            }
        }
    }

    private static long chunkCount(MVStore store) {
        return store.getLayoutMap().keySet().stream().filter(k -> k.startsWith("chunk.")).count();
    }

    private static MVStore mvStore(Connection c) throws Exception {
        return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }
}
