package io.ponte.hub.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An action input: JSON whose string values are Mustache templates over the envelope ({@code {{payload.from.address}}}).
 * No HTML escaping; an absent value renders as the empty string. Non-string values are copied as they are.
 */
public final class InputTemplate {

    private static final Mustache.Compiler MUSTACHE = Mustache.compiler().escapeHTML(false).defaultValue("");

    private sealed interface Node permits Literal, Text, Obj, Arr {
    }

    private record Literal(JsonNode value) implements Node {
    }

    private record Text(Template template, String source) implements Node {
    }

    private record Obj(Map<String, Node> fields) implements Node {
    }

    private record Arr(List<Node> items) implements Node {
    }

    private final Node root;

    private InputTemplate(Node root) {
        this.root = root;
    }

    /**
     * Compiles every string in {@code input}.
     *
     * @param input a JSON object (null means {@code {}})
     * @param path  where the input sits in the request, for error messages (e.g. {@code actions[0].input})
     * @throws IllegalArgumentException naming the path of the bad template
     */
    public static InputTemplate compile(JsonNode input, String path) {
        if (input == null || input.isNull()) {
            return new InputTemplate(new Obj(Map.of()));
        }
        if (!input.isObject()) {
            throw new IllegalArgumentException(path + ": must be a JSON object");
        }
        return new InputTemplate(compileNode(input, path));
    }

    private static Node compileNode(JsonNode node, String path) {
        if (node.isTextual()) {
            String text = node.asText();
            if (!text.contains("{{")) {
                return new Literal(node);
            }
            try {
                return new Text(MUSTACHE.compile(text), text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(path + ": invalid Mustache template: " + e.getMessage());
            }
        }
        if (node.isObject()) {
            Map<String, Node> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), compileNode(e.getValue(), path + "." + e.getKey()));
            }
            return new Obj(fields);
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(compileNode(node.get(i), path + "[" + i + "]"));
            }
            return new Arr(items);
        }
        return new Literal(node);
    }

    /** Renders against an envelope's variables. */
    public JsonNode render(Map<String, Object> variables) {
        return render(root, variables);
    }

    private static JsonNode render(Node node, Map<String, Object> vars) {
        return switch (node) {
            case Literal l -> l.value();
            case Text t -> JsonNodeFactory.instance.textNode(t.template().execute(vars));
            case Obj o -> {
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                o.fields().forEach((k, v) -> out.set(k, render(v, vars)));
                yield out;
            }
            case Arr a -> {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                a.items().forEach(v -> out.add(render(v, vars)));
                yield out;
            }
        };
    }
}
