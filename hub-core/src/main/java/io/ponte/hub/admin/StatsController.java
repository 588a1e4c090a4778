package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.reports.TrafficStats;

/** {@code GET /api/v1/stats}: traffic per minute and per connection over the last minutes. */
final class StatsController {

    private final TrafficStats stats;

    StatsController(TrafficStats stats) {
        this.stats = stats;
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/stats", ctx -> ctx.json(stats.stats(Access.tenantFilter(ctx),
                minutes(ctx.queryParam("minutes")))));
    }

    private static int minutes(String raw) {
        if (raw == null) {
            return 60;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ValidationException("minutes", "must be an integer between 1 and " + TrafficStats.MAX_MINUTES);
        }
    }
}
