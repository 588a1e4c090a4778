package io.ponte.hub.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST/PUT /api/v1/routes}, and (without name/priority/enabled) the stored definition.
 *
 * @param priority higher runs first; routes of equal priority run in creation order
 * @param tenant   the owning tenant (admin keys only, on creation); never stored in the definition
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteRequest(String name, Integer priority, Boolean enabled, Match match, List<Action> actions,
                           String tenant) {

    /**
     * Which envelopes the route takes; every part optional (an empty match takes everything).
     *
     * @param source    a connection id
     * @param type      an envelope type
     * @param condition a CEL expression that must be true
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(String source, String type, String condition) {
    }

    /**
     * One thing to do with a matched envelope.
     *
     * @param target a connection id
     * @param action an action that connection's connector offers
     * @param input  JSON whose strings are Mustache templates over the envelope
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String target, String action, JsonNode input) {
    }
}
