package io.ponte.hub.admin;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Cursor pages over a list the service already holds (connections, routes): newest first by id, like the stores. */
final class Pages {

    private Pages() {
    }

    static <T> ListResponse<T> of(Context ctx, List<T> items, Function<T, String> id) {
        int limit = Requests.limit(ctx);
        String cursor = ctx.queryParam("cursor");
        List<T> page = items.stream().sorted(Comparator.comparing(id).reversed())
                .filter(t -> cursor == null || id.apply(t).compareTo(cursor) < 0)
                .limit(limit + 1L).toList();
        if (page.size() > limit) {
            List<T> first = page.subList(0, limit);
            return new ListResponse<>(List.copyOf(first), id.apply(first.get(limit - 1)));
        }
        return new ListResponse<>(page, null);
    }
}
