package io.ponte.hub.connections;

import java.time.Instant;

/**
 * The latest health of a connection on this node.
 *
 * @param status {@code up}, {@code degraded} or {@code down}
 * @param detail what the connector said
 * @param source {@code connector} (reported while working) or {@code test} (a health check)
 * @param at     when
 */
public record HealthReport(String status, String detail, String source, Instant at) {
}
