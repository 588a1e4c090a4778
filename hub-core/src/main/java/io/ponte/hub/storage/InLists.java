package io.ponte.hub.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists bound into {@code IN (...)} on the hot path, padded to a power of two by repeating their last value. A
 * repeated value changes nothing in an {@code IN} list, and each statement then has a handful of shapes instead of
 * one per list length: Jdbi parses each SQL text once (its parse cache) and the database reuses its prepared plan,
 * where an unpadded list costs a fresh parse of a new text on most calls (measured: 6 % of the dispatcher's time
 * was Jdbi's SQL lexer).
 */
final class InLists {

    private InLists() {
    }

    /** Whether the handle's database is PostgreSQL (else H2): a few hot statements differ. */
    static boolean postgres(org.jdbi.v3.core.Handle h) {
        try {
            return h.getConnection().getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        } catch (java.sql.SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e);
        }
    }

    /**
     * {@code <column> IN (<name>)} on H2; {@code <column> = ANY(:name)} on PostgreSQL, where the list is one array
     * parameter (bind it with {@link #bind}). PostgreSQL plans every execution afresh ({@code force_custom_plan}, see
     * {@code Database}), and a padded list of hundreds of parameters costs that much planning each time.
     */
    static String in(String column, String name, boolean postgres) {
        return postgres ? column + " = ANY(CAST(:" + name + " AS VARCHAR[]))" : column + " IN (<" + name + ">)";
    }

    /** Binds the list a condition made by {@link #in} names. */
    static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S statement, String name,
                                                                          List<String> values, boolean postgres) {
        return postgres ? statement.bindArray(name, String.class, values)
                : statement.bindList(name, padded(values));
    }

    static <T> List<T> padded(List<T> values) {
        int n = values.size();
        if (n <= 1 || Integer.bitCount(n) == 1) {
            return values;
        }
        int size = Integer.highestOneBit(n) << 1;
        List<T> out = new ArrayList<>(size);
        out.addAll(values);
        T last = values.get(n - 1);
        while (out.size() < size) {
            out.add(last);
        }
        return out;
    }
}
