package io.ponte.hub.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ponte.hub.config.HubConfig;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's database: a HikariCP pool, Flyway migrations (the same SQL on H2 and PostgreSQL) and a Jdbi.
 *
 * <p>H2 durability: H2 keeps committed transactions in memory for up to a second by default ({@code WRITE_DELAY}),
 * so a {@code kill -9} right after a 2xx could lose them. We force {@code WRITE_DELAY=0}: every commit is written
 * out before it returns. Ingress batches requests into one commit, so this costs one write per batch.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean h2;
    private final H2Housekeeping housekeeping;

    public Database(HubConfig config) {
        this.h2 = config.isH2();
        String url = h2 ? h2Url(config.dbUrl()) : config.dbUrl();
        if (h2 && !url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=0")) {
            // measured: with WRITE_DELAY=1000, 58 of 300 acknowledged messages were gone after a kill -9
            LOG.warn("PONTE_DB_URL sets H2's WRITE_DELAY to something other than 0: acknowledged messages can be "
                    + "lost if the process is killed; remove it from the URL to keep every acknowledged message");
        }
        if (h2) {
            DataDir.create(config.dataDir());
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ponte-db");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(config.dbPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.dbPoolSize()));
        hikari.setConnectionTimeout(5_000);
        hikari.setInitializationFailTimeout(10_000);
        hikari.setAutoCommit(true);
        if (!h2) {
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            // The outbox's claim query is prepared once while the table is small; a cached generic plan then
            // scans the whole table forever (seen under load: 65 msg/s). Plan each execution for its parameters.
            hikari.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        }
        long started = System.nanoTime();
        this.dataSource = new HikariDataSource(hikari);
        long opened = System.nanoTime();
        long migrated;
        try {
            Migrations.apply(dataSource, h2);
            migrated = System.nanoTime();
            this.housekeeping = h2 ? H2Housekeeping.start(dataSource) : null;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.jdbi = Jdbi.create(dataSource);
        LOG.info("database ready: {} (opened in {} ms, migrations checked in {} ms)",
                h2 ? "H2 " + location(url) : "PostgreSQL", (opened - started) / 1_000_000,
                (migrated - opened) / 1_000_000);
    }

    /** A JDBC URL without its settings ({@code ;KEY=VALUE} and what follows), for messages. */
    static String location(String url) {
        return url.replaceAll(";.*", "");
    }

    /** H2's page cache in KB unless the URL sets {@code CACHE_SIZE} (H2's own default is 16 MB). */
    static final int H2_CACHE_KB = 4096;

    /** Statements H2 keeps parsed per connection unless the URL sets {@code QUERY_CACHE_SIZE} (H2's default is 8). */
    static final int H2_QUERY_CACHE = 64;

    /**
     * Adds the PostgreSQL compatibility mode, {@code WRITE_DELAY=0}, the hub's close order, a lock timeout, a
     * page cache size and a statement cache size, each unless the URL sets it.
     */
    static String h2Url(String url) {
        StringBuilder out = new StringBuilder(url);
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        if (!upper.contains(";MODE=")) {
            out.append(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
        if (!upper.contains(";WRITE_DELAY=")) {
            out.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            // H2 would close the database from its own shutdown hook, racing the hub's: a SIGTERM then failed the
            // last group commits and outcomes ("Database is already closed"). The hub closes it, last, itself.
            out.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        if (!upper.contains(";LOCK_TIMEOUT=")) {
            out.append(";LOCK_TIMEOUT=10000");
        }
        if (!upper.contains(";CACHE_SIZE=")) {
            // H2 puts every page a commit writes into its page cache, so its default 16 MB turns over every second
            // or two under load and every young collection copies what is in it. Measured (BENCHMARKS.md, session
            // 30, nine pairs at 400-500 req/s): 4 MB halves the young pauses (p50 23-35 -> 12-17 ms) and lowers the
            // ingest p99 (median 75 -> 57 ms), for about 6 % of the closed loop's rate (more pages read back).
            out.append(";CACHE_SIZE=").append(H2_CACHE_KB);
        }
        if (!upper.contains(";QUERY_CACHE_SIZE=")) {
            // A group commit runs a dozen different statements, and H2 keeps the last 8 parsed per connection: in
            // that cycle every one missed and was parsed and planned again. JFR of the inbox writer: parsing 2.9 % of
            // its time with 8, 1.9 % with 64; what is left is SELECT ... FOR UPDATE, which H2 never caches
            // (BENCHMARKS.md, session 35).
            out.append(";QUERY_CACHE_SIZE=").append(H2_QUERY_CACHE);
        }
        return out.toString();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public boolean isH2() {
        return h2;
    }

    /** Whether the database answers a trivial query within the pool's timeout. */
    public boolean reachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** H2's compaction, run by the hub (see {@link H2Housekeeping}); empty on PostgreSQL. */
    public java.util.Optional<H2Housekeeping> h2Housekeeping() {
        return java.util.Optional.ofNullable(housekeeping);
    }

    @Override
    public void close() {
        if (housekeeping != null) {
            housekeeping.close();
        }
        dataSource.close();
    }

    /**
     * Whether {@code e} says the database could not be reached or dropped the connection (a restart, a failover, an
     * administrator's termination, a pool that timed out): the request may work if tried again, unlike a bug.
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
