package io.ponte.hub.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * One of the pipeline's hot statements, written with {@code :named} parameters, parsed once into JDBC's positional
 * form and run on the transaction's own connection, as a batch of rows or once, its parameters bound by name through
 * {@link Params}.
 *
 * <p>Why not Jdbi's statements here: for every statement Jdbi copies its configuration, and it binds a row's
 * parameters through reflection and its argument factories. Measured on the inbox writer, the thread the whole
 * pipeline waits on with H2, that was about a tenth of its time in the closed loop (JFR, BENCHMARKS.md, session 34).
 * Everything else keeps Jdbi. A failure is thrown as Jdbi's {@link UnableToExecuteStatementException} with the
 * driver's {@link SQLException} as its cause, as Jdbi would (the inbox reads its SQLSTATE).
 */
final class Sql {

    /** Binds one row of a batch. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(Params p, T row) throws SQLException;
    }

    private static final ColonPrefixSqlParser PARSER = new ColonPrefixSqlParser();

    private final String named;
    private final String sql;
    private final Map<String, int[]> positions;
    private final int count;

    private Sql(String named, String sql, Map<String, int[]> positions, int count) {
        this.named = named;
        this.sql = sql;
        this.positions = positions;
        this.count = count;
    }

    /**
     * Parses {@code :name} parameters with Jdbi's own parser (the one every other statement goes through), so quoted
     * text and PostgreSQL's {@code ::} casts read the same; a name may appear more than once and is bound at each
     * place.
     */
    static Sql of(String named) {
        ParsedSql parsed = PARSER.parse(named, null);
        List<String> names = parsed.getParameters().getParameterNames();
        Map<String, List<Integer>> at = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            at.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(i + 1);
        }
        Map<String, int[]> positions = new HashMap<>();
        at.forEach((name, list) -> positions.put(name, list.stream().mapToInt(Integer::intValue).toArray()));
        return new Sql(named, parsed.getSql(), Map.copyOf(positions), names.size());
    }

    /** The statement in JDBC's form (for tests and messages). */
    String sql() {
        return sql;
    }

    /** Runs the statement once per row, as one batch; the update counts per row (none for no rows). */
    <T> int[] batch(Handle h, Collection<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            Params p = new Params(ps);
            for (T row : rows) {
                p.start();
                binder.bind(p, row);
                p.finish();
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Runs the statement once and reads every row it returns with {@code reader}. */
    <R> List<R> query(Handle h, Bind bind, RowReader<R> reader) {
        try (PreparedStatement ps = prepared(h, bind); ResultSet rs = ps.executeQuery()) {
            List<R> out = new ArrayList<>();
            while (rs.next()) {
                out.add(reader.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Runs the statement once; the rows it changed. */
    int update(Handle h, Bind bind) {
        try (PreparedStatement ps = prepared(h, bind)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The statement prepared on the transaction's connection with its parameters bound (closed if binding fails). */
    private PreparedStatement prepared(Handle h, Bind bind) throws SQLException {
        PreparedStatement ps = h.getConnection().prepareStatement(sql);
        try {
            Params p = new Params(ps);
            p.start();
            bind.bind(p);
            p.finish();
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Binds the parameters of a statement run once. */
    @FunctionalInterface
    interface Bind {
        void bind(Params p) throws SQLException;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    private UnableToExecuteStatementException failed(SQLException e) {
        return new UnableToExecuteStatementException(e.getMessage() + " [statement: " + named.strip() + "]", e, null);
    }

    /** A row's parameters, by name. Every parameter must be bound for every row. */
    final class Params {
        private final PreparedStatement ps;
        private final boolean[] bound = new boolean[count + 1];
        private int left;

        private Params(PreparedStatement ps) {
            this.ps = ps;
        }

        private void start() {
            Arrays.fill(bound, false);
            left = count;
        }

        private void finish() {
            if (left != 0) {
                List<String> missing = new ArrayList<>();
                positions.forEach((name, at) -> {
                    if (!bound[at[0]]) {
                        missing.add(name);
                    }
                });
                throw new IllegalStateException("parameters not bound: " + missing + " in " + named.strip());
            }
        }

        private int[] at(String name) {
            int[] at = positions.get(name);
            if (at == null) {
                throw new IllegalArgumentException("no parameter :" + name + " in " + named.strip());
            }
            for (int i : at) {
                if (!bound[i]) {
                    bound[i] = true;
                    left--;
                }
            }
            return at;
        }

        Params string(String name, String value) throws SQLException {
            return nullable(name, value, Types.VARCHAR);
        }

        Params number(String name, long value) throws SQLException {
            for (int i : at(name)) {
                ps.setLong(i, value);
            }
            return this;
        }

        Params number(String name, Long value) throws SQLException {
            return nullable(name, value, Types.BIGINT);
        }

        /** A string or a long, or SQL NULL of {@code sqlType}. */
        private Params nullable(String name, Object value, int sqlType) throws SQLException {
            for (int i : at(name)) {
                if (value == null) {
                    ps.setNull(i, sqlType);
                } else if (value instanceof String text) {
                    ps.setString(i, text);
                } else {
                    ps.setLong(i, (Long) value);
                }
            }
            return this;
        }

        Params integer(String name, int value) throws SQLException {
            for (int i : at(name)) {
                ps.setInt(i, value);
            }
            return this;
        }

        /** An SQL array of strings ({@code VARCHAR}). */
        Params strings(String name, List<String> values) throws SQLException {
            return array(name, "VARCHAR", values.toArray());
        }

        /** An SQL array of integers ({@code INTEGER}). */
        Params integers(String name, List<Integer> values) throws SQLException {
            return array(name, "INTEGER", values.toArray());
        }

        private Params array(String name, String type, Object[] values) throws SQLException {
            Connection c = ps.getConnection();
            for (int i : at(name)) {
                ps.setArray(i, c.createArrayOf(type, values));
            }
            return this;
        }
    }
}
