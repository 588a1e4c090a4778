package io.ponte.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ponte.api.message.MessageJson;

/**
 * This plugin's own JSON mapper, with the model's settings ({@link MessageJson#newMapper()}). The kit is bundled
 * into each plugin and loaded by its class loader, so every plugin has its own: no plugin can reconfigure the hub's
 * or another plugin's, and Jackson's type caches go with the plugin when it unloads.
 */
public final class PluginJson {

    private static final JsonMapper MAPPER = MessageJson.newMapper();

    private PluginJson() {
    }

    /** The mapper; thread-safe. Configure a {@code copy()} if a provider needs other settings. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses an action's input schema written as JSON text (a text block in a connector factory).
     *
     * @throws IllegalStateException when the text is not JSON: a bug in the connector, found when its class loads
     */
    public static JsonNode schema(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an action's input schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a value as JSON bytes; for trees and records of the model, which always serialize. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
