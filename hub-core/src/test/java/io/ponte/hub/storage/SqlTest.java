package io.ponte.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.hub.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pipeline's positional statements: parsing, binding by name, nulls, arrays and failures, on every database. */
class SqlTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private record Row(String id, String text, Long at, int n) {
    }

    @Test
    void named_parameters_become_positions_outside_quotes_and_casts() {
        Sql sql = Sql.of("SELECT ':no', \":nor\", CAST(:a AS INT)::text, :b2, :a FROM t WHERE x = 'it''s :c'");
        assertThat(sql.sql())
                .isEqualTo("SELECT ':no', \":nor\", CAST(? AS INT)::text, ?, ? FROM t WHERE x = 'it''s :c'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void binds_each_row_by_name_with_nulls_and_repeated_names(TestDatabase db) throws Exception {
        try (Database database = OutboxStoreTest.open(db)) {
            database.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE sql_test (id VARCHAR(20) PRIMARY KEY, text VARCHAR(5), at BIGINT, n INT, "
                        + "m INT)");
                Sql insert = Sql.of("INSERT INTO sql_test (id, text, at, n, m) VALUES (:id, :text, :at, :n, :n)");
                int[] counts = insert.batch(h, List.of(new Row("a", "one", 5L, 1), new Row("b", null, null, 2)),
                        (p, r) -> p.string("id", r.id()).string("text", r.text()).number("at", r.at())
                                .integer("n", r.n()));
                // PostgreSQL's rewritten batches (reWriteBatchedInserts) report SUCCESS_NO_INFO per row
                assertThat(java.util.Arrays.stream(counts).boxed().toList()).hasSize(2)
                        .allMatch(c -> c == 1 || c == java.sql.Statement.SUCCESS_NO_INFO);
                assertThat(insert.batch(h, List.<Row>of(), (p, r) -> { })).isEmpty();
                List<Map<String, Object>> rows = h.createQuery("SELECT * FROM sql_test ORDER BY id").mapToMap().list();
                assertThat(rows).hasSize(2);
                assertThat(rows.get(0)).containsEntry("text", "one").containsEntry("at", 5L).containsEntry("m", 1);
                assertThat(rows.get(1)).containsEntry("text", null).containsEntry("at", null).containsEntry("m", 2);

                Sql select = Sql.of(db.name().equals("h2")
                        ? "SELECT k, n FROM UNNEST(CAST(:keys AS VARCHAR(20) ARRAY), CAST(:ns AS INT ARRAY))"
                                + " AS t(k, n) ORDER BY k"
                        : "SELECT k, n FROM unnest(CAST(:keys AS VARCHAR(20)[]), CAST(:ns AS INT[])) AS t(k, n) "
                                + "ORDER BY k");
                assertThat(select.query(h,
                        p -> p.strings("keys", List.of("y", "x")).integers("ns", List.of(2, 1)),
                        rs -> rs.getString(1) + "=" + rs.getInt(2))).containsExactly("x=1", "y=2");
                assertThat(Sql.of("UPDATE sql_test SET n = n + :d WHERE id = :id")
                        .update(h, p -> p.integer("d", 10).string("id", "b"))).isEqualTo(1);
                assertThat(h.createQuery("SELECT n FROM sql_test WHERE id = 'b'").mapTo(Integer.class).one())
                        .isEqualTo(12);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_parameter_left_unbound_or_unknown_is_named_and_a_refused_value_keeps_its_sqlstate(TestDatabase db)
            throws Exception {
        try (Database database = OutboxStoreTest.open(db)) {
            database.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE sql_test2 (id VARCHAR(20) PRIMARY KEY, text VARCHAR(5))");
                Sql insert = Sql.of("INSERT INTO sql_test2 (id, text) VALUES (:id, :text)");
                assertThatThrownBy(() -> insert.batch(h, List.of("a"), (p, id) -> p.string("id", id)))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("[text]");
                assertThatThrownBy(() -> insert.batch(h, List.of("a"), (p, id) -> p.string("idd", id)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":idd");
                assertThatThrownBy(() -> insert.batch(h, List.of("a"),
                        (p, id) -> p.string("id", id).string("text", "far too long")))
                        .isInstanceOf(UnableToExecuteStatementException.class)
                        .hasMessageContaining("INSERT INTO sql_test2")
                        .satisfies(e -> assertThat(sqlState(e)).startsWith("22"));
            });
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }
}
