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
 * An envelope as plain maps and lists, built once per envelope for CEL conditions and Mustache templates. For
 * conditions numbers become {@code Long}/{@code Double} as CEL expects; templates keep decimals exact
 * ({@code 189.90} renders as {@code 189.90}, money must not read {@code 189.9}). Both are one map unless the
 * envelope holds a decimal.
 */
public final class EnvelopeContext {

    private EnvelopeContext() {
    }

    /** The variables for conditions: the envelope's fields plus {@code envelope} itself, decimals as doubles. */
    public static Map<String, Object> of(Envelope envelope) {
        return vars(HubJson.mapper().valueToTree(envelope), false);
    }

    /**
     * The variables for conditions and for templates.
     *
     * @param conditions decimals as doubles, for CEL
     * @param templates  decimals exact, for Mustache; the same map when the envelope holds no decimal
     */
    public record Vars(Map<String, Object> conditions, Map<String, Object> templates) {
    }

    /** Both kinds of variables of an envelope. */
    public static Vars both(Envelope envelope) {
        return both(envelope, Map.of());
    }

    /**
     * Both kinds of variables of an envelope and the hub's contact of its conversation, as {@code contact}
     * ({@code contact.id}, {@code contact.crm.hubspot} ...; an empty map when the envelope has none).
     *
     * @param contact plain maps, lists and strings only (what templates may read)
     */
    public static Vars both(Envelope envelope, Map<String, Object> contact) {
        JsonNode tree = HubJson.mapper().valueToTree(envelope);
        Map<String, Object> conditions = vars(tree, false, contact);
        return new Vars(conditions, hasDecimal(tree) ? vars(tree, true, contact) : conditions);
    }

    private static Map<String, Object> vars(JsonNode tree, boolean exact) {
        return vars(tree, exact, Map.of());
    }

    private static Map<String, Object> vars(JsonNode tree, boolean exact, Map<String, Object> contact) {
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) plain(tree, exact);
        Map<String, Object> vars = new LinkedHashMap<>(root);
        vars.put("envelope", root);
        vars.putIfAbsent("attributes", Map.of());
        vars.put("contact", contact);
        return vars;
    }

    private static boolean hasDecimal(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasDecimal(child)) {
                    return true;
                }
            }
            return false;
        }
        return node.isNumber() && !node.isIntegralNumber();
    }

    static Object plain(JsonNode node, boolean exact) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    map.put(e.getKey(), plain(e.getValue(), exact));
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(plain(item, exact)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return exact ? node.decimalValue() : node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
