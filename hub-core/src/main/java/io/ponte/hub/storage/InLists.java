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
