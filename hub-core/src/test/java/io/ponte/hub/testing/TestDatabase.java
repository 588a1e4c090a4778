package io.ponte.hub.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The databases the storage and pipeline tests run on: H2 always, PostgreSQL too when {@code PONTE_TEST_PG_URL} is
 * set (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). Each PostgreSQL test gets its own schema.
 */
public record TestDatabase(String name, String pgBaseUrl) {

    public static final String PG_ENV = "PONTE_TEST_PG_URL";

    /** Schemas made by this test JVM, dropped when it exits so the shared database does not fill up. */
    private static final java.util.Set<String> SCHEMAS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile String cleanupUrl;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropSchemas, "drop-test-schemas"));
    }

    private static void dropSchemas() {
        if (cleanupUrl == null || SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(cleanupUrl); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test schemas " + SCHEMAS + ": " + e.getMessage());
        }
    }

    /** H2, plus PostgreSQL when configured: the argument source of parameterized pipeline tests. */
    public static List<TestDatabase> all() {
        List<TestDatabase> out = new ArrayList<>();
        out.add(new TestDatabase("h2", null));
        String pg = System.getenv(PG_ENV);
        if (pg != null && !pg.isBlank()) {
            out.add(new TestDatabase("postgresql", pg));
        }
        return out;
    }

    public static TestDatabase h2() {
        return new TestDatabase("h2", null);
    }

    /**
     * The JDBC URL for a fresh database: an H2 file in {@code dataDir}, or a new PostgreSQL schema.
     */
    public String freshUrl(Path dataDir) {
        if (pgBaseUrl == null) {
            return null; // the hub's default: H2 in the data dir
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(pgBaseUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            SCHEMAS.add(schema);
            cleanupUrl = pgBaseUrl;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + PG_ENV + "=" + pgBaseUrl + ": "
                    + e.getMessage(), e);
        }
        return pgBaseUrl + (pgBaseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public String toString() {
        return name;
    }
}
