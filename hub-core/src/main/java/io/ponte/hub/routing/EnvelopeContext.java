package io.ponte.hub.routing;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.Envelope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An envelope as plain maps and lists, built once per envelope and shared by CEL conditions and Mustache
 * templates. Numbers become {@code Long}/{@code Double} as CEL expects.
 */
public final class EnvelopeContext {

    private EnvelopeContext() {
    }

    /** The variables for conditions and templates: the envelope's fields plus {@code envelope} itself. */
    public static Map<String, Object> of(Envelope envelope) {
        JsonNode tree = HubJson.mapper().valueToTree(envelope);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) plain(tree);
        Map<String, Object> vars = new LinkedHashMap<>(root);
        vars.put("envelope", root);
        vars.putIfAbsent("attributes", Map.of());
        return vars;
    }

    static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    map.put(e.getKey(), plain(e.getValue()));
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
