package io.ponte.api.connector;

import java.time.Duration;

/**
 * Metrics for one connection, exported on the hub's {@code /metrics} with the connection and connector type as
 * tags. Names are dotted lower case ({@code provider.calls}); the hub prefixes {@code ponte_plugin_}.
 *
 * <p>Names are shared by every plugin ({@code webhook.accepted} counts every connector type's webhooks, told apart by
 * the {@code connector} tag), and Prometheus keeps one set of tag names per name: use a name with the same tag
 * names everywhere, and a name of your own for a count with other tags.
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
