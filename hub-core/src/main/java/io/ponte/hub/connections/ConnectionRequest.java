package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of {@code POST/PUT /api/v1/connections}. */
public record ConnectionRequest(String connector, String name, JsonNode config, JsonNode delivery, Boolean enabled) {
}
