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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionView(String id, String tenant, String name, String connector, ObjectNode config,
                             ObjectNode delivery, boolean enabled, String status, String statusDetail,
                             String webhookPath, String webhookUrl, HealthReport health, Instant createdAt,
                             Instant updatedAt) {
}
