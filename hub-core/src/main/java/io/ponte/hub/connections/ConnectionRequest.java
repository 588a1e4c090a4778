package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST/PUT /api/v1/connections}.
 *
 * @param tenant  the owning tenant (admin keys only, on creation; a tenant key's objects go to its own tenant)
 * @param history whether the hub keeps the conversation history of the connection's chat messages (default true;
 *                left out on a change: unchanged)
 */
public record ConnectionRequest(String connector, String name, JsonNode config, JsonNode delivery, Boolean enabled,
                                String tenant, Boolean history) {
}
