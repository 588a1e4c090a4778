package io.ponte.hub.routing;

import java.time.Instant;
import java.util.List;

/** A route as the admin API shows it. */
public record RouteView(String id, String tenant, String name, int priority, boolean enabled,
                        RouteRequest.Match match, List<RouteRequest.Action> actions, Instant createdAt,
                        Instant updatedAt) {
}
