package io.ponte.hub.routing;

import java.util.List;

/** The compiled routes currently in force, highest priority first. Swapped atomically on every change. */
public final class RouteTable {

    private volatile List<CompiledRoute> routes = List.of();

    List<CompiledRoute> current() {
        return routes;
    }

    void replace(List<CompiledRoute> compiled) {
        this.routes = List.copyOf(compiled);
    }
}
