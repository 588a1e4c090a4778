package io.ponte.hub.connections;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A connection as the admin API shows it: secret config fields masked as {@code "***"}.
 *
 * @param status       {@code active}, {@code disabled}, {@code error} (could not open) or {@code unavailable}
 *                     (its connector type is not installed)
 * @param statusDetail why, when not active
 * @param webhookPath  where the provider posts: {@code /hooks/<id>}
 * @param health       the latest health the connector reported while working or a test found, or null
 * @param breaker      the circuit breaker of the open connection on this node, or null when it is not open
 * @param history      whether the hub keeps the conversation history of the connection's chat messages
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionView(String id, String tenant, String name, String connector, ObjectNode config,
                             ObjectNode delivery, boolean enabled, boolean history, String status,
                             String statusDetail,
                             String webhookPath, String webhookUrl, HealthReport health, Breaker breaker,
                             Instant createdAt, Instant updatedAt) {

    /**
     * A circuit breaker's state.
     *
     * @param state       {@code closed}, {@code open}, {@code half_open} or {@code disabled}
     * @param failureRate the percentage of the counted calls that failed, or -1 before the minimum was made
     * @param calls       the calls counted in the window
     */
    public record Breaker(String state, float failureRate, int calls) {
    }
}
