package io.ponte.hub.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The one list query of the admin API: rows of a table with time-ordered ids, newest first, filtered by equality on
 * optional columns, paged by id cursor. Filter columns come from code, never from requests.
 */
final class NewestFirst {

    private NewestFirst() {
    }

    /**
     * @param filters column → value; null values are left out
     * @param cursor  the id of the last row of the previous page, or null
     */
    static <T> Page<T> page(Jdbi jdbi, String table, Class<T> type, Map<String, String> filters, String cursor,
                            int limit, java.util.function.Function<T, String> id) {
        Map<String, String> active = new LinkedHashMap<>();
        filters.forEach((column, value) -> {
            if (value != null) {
                active.put(column, value);
            }
        });
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(table).append(" WHERE 1 = 1");
        active.keySet().forEach(column -> sql.append(" AND ").append(column).append(" = :").append(column));
        if (cursor != null) {
            sql.append(" AND id < :cursor");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        List<T> rows = jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("limit", limit + 1);
            active.forEach(q::bind);
            if (cursor != null) {
                q.bind("cursor", cursor);
            }
            return q.mapTo(type).list();
        });
        if (rows.size() > limit) {
            List<T> items = rows.subList(0, limit);
            return new Page<>(List.copyOf(items), id.apply(items.get(limit - 1)));
        }
        return new Page<>(rows, null);
    }
}
