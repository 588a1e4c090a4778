package io.ponte.api.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The description of one action a connector offers.
 *
 * @param name        the action's name, {@code noun.verb} (e.g. {@code message.send}); never null
 * @param description one sentence for admins and for agents that call it as a tool
 * @param inputSchema a JSON Schema of the input, or null when the action takes free-form JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionSpec(String name, String description, JsonNode inputSchema) {
    /** Requires a name. */
    public ActionSpec {
        Objects.requireNonNull(name, "name");
    }
}
