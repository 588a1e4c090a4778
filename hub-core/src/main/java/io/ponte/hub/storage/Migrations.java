package io.ponte.hub.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The schema's migrations ({@code db/migration}, applied by Flyway). A database that already has every bundled
 * migration applied is not handed to Flyway at all: loading Flyway, scanning the jar and validating every script
 * took about 0.8 s of a 3 s start, for nothing on every start but the first after an upgrade.
 */
final class Migrations {

    /** The highest bundled migration's version ({@code V<n>__...sql}); {@code MigrationsTest} keeps this true. */
    static final int LATEST = 14;

    private Migrations() {
    }

    /**
     * Brings the schema up to date: Flyway runs unless versions 1 to {@link #LATEST} are all applied already.
     *
     * @param h2 whether the database is H2 (else PostgreSQL), as {@link Database#isH2()}: a few statements differ
     */
    static void apply(DataSource dataSource, boolean h2) {
        if (upToDate(dataSource)) {
            return;
        }
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(placeholders(h2))
                .load()
                .migrate();
    }

    /**
     * What differs between the two databases' SQL, as Flyway placeholders: {@code generated_stored}, the word after a
     * generated column's expression (PostgreSQL only has stored generated columns and needs the word; H2 refuses it).
     */
    static Map<String, String> placeholders(boolean h2) {
        return Map.of("generated_stored", h2 ? "" : " STORED");
    }

    /**
     * Whether Flyway's history has exactly versions 1 to {@link #LATEST}, each applied successfully. Anything else
     * (a new database, an upgrade, a failed or a newer migration) is Flyway's to handle and to explain.
     */
    static boolean upToDate(DataSource dataSource) {
        Set<Integer> applied = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history "
                     + "WHERE version IS NOT NULL")) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                applied.add(Integer.parseInt(rs.getString(1)));
            }
        } catch (SQLException | NumberFormatException e) {
            return false; // no history yet (a new database), or versions this code did not write
        }
        for (int v = 1; v <= LATEST; v++) {
            if (!applied.remove(v)) {
                return false;
            }
        }
        return applied.isEmpty();
    }
}
