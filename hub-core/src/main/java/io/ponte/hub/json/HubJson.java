package io.ponte.hub.json;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ponte.api.message.MessageJson;

/**
 * The hub's one JSON mapper, with the model's settings ({@link MessageJson#newMapper()}), built once. It is the
 * hub's own: plugins build theirs (through the plugin kit), so no plugin can reconfigure it.
 */
public final class HubJson {

    private static final JsonMapper MAPPER = MessageJson.newMapper();

    private HubJson() {
    }

    /** The mapper; thread-safe. Never reconfigure it: {@code copy()} it for other settings. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
