package io.ponte.api.connector;

import java.time.Duration;

/**
 * Metrics for one connection, exported on the hub's {@code /metrics} with the connection and connector type as
 * tags. Names are dotted lower case ({@code provider.calls}); the hub prefixes {@code ponte_plugin_}.
 */
public interface ConnectorMetrics {

    /**
     * Counts one occurrence.
     *
     * @param name the counter name
     * @param tags alternating tag names and values
     */
    void increment(String name, String... tags);

    /**
     * Counts an amount (tokens used, an estimated cost in USD).
     *
     * @param name   the counter name
     * @param amount how much, not negative
     * @param tags   alternating tag names and values
     * @since 1.1.0
     */
    void count(String name, double amount, String... tags);

    /**
     * Records a duration.
     *
     * @param name     the timer name
     * @param duration what was measured
     * @param tags     alternating tag names and values
     */
    void record(String name, Duration duration, String... tags);
}
