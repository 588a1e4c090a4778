package io.ponte.hub.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An action input: JSON whose string values are Mustache templates over the envelope ({@code {{payload.from.address}}}).
 * No HTML escaping; an absent value renders as the empty string; a map or list renders as JSON ({@code {{{payload}}}}).
 * Non-string values are copied as they are. Templates see plain data only (see {@link TemplateData}); what can only
 * fail at run time (partials, unclosed tags) is refused by {@link #compile}, and every render runs under an
 * {@link EvaluationBudget} and an output cap.
 */
public final class InputTemplate {

    private static final TemplateData DATA = new TemplateData();
    // JMustache's parse errors end with the line they found the problem on (its only position)
    private static final java.util.regex.Pattern PARSE_LINE = java.util.regex.Pattern.compile("@ line (\\d+)$");
    private static final Mustache.Compiler MUSTACHE = Mustache.compiler().escapeHTML(false).defaultValue("")
            .withCollector(DATA).withFormatter(DATA);

    private sealed interface Node permits Literal, Text, Obj, Arr {
    }

    private record Literal(JsonNode value) implements Node {
    }

    private record Text(Template template, String path) implements Node {
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
     * @throws IllegalArgumentException {@code "<path of the bad string>: <why>"}
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
            Template template;
            try {
                template = MUSTACHE.compile(text);
            } catch (RuntimeException e) {
                java.util.regex.Matcher line = PARSE_LINE.matcher(String.valueOf(e.getMessage()));
                throw new InvalidExpression(path + ": invalid Mustache template: " + e.getMessage(),
                        line.find() ? Integer.valueOf(line.group(1)) : null, null);
            }
            String refusal = runTimeOnlyFailure(text, template);
            if (refusal != null) {
                throw new IllegalArgumentException(path + ": " + refusal);
            }
            return new Text(template, path);
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

    /**
     * What JMustache accepts but cannot render as meant: a tag it could not close (kept as literal text), a partial or
     * a parent template (loaded only when rendered, and there is nothing to load them from), a delimiter change
     * (which would hide the other two from this check). Null if there is none.
     */
    private static String runTimeOnlyFailure(String source, Template template) {
        if (source.contains("{{=")) {
            return "changing the delimiters ({{=...=}}) is not supported";
        }
        String[] refusal = {null};
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
                int open = text.indexOf("{{");
                if (open >= 0 && refusal[0] == null) {
                    String tag = text.substring(open, Math.min(text.length(), open + 40)).strip();
                    refusal[0] = "unclosed tag '" + tag + "': a tag ends with }}";
                }
            }

            @Override
            public void visitVariable(String name) {
            }

            @Override
            public boolean visitInclude(String name) {
                return refuse("partials ({{> " + name + "}})");
            }

            @Override
            public boolean visitParent(String name) {
                return refuse("parent templates ({{< " + name + "}})");
            }

            @Override
            public boolean visitBlock(String name) {
                return refuse("blocks ({{$ " + name + "}})");
            }

            @Override
            public boolean visitSection(String name) {
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                return true;
            }

            /** Refuses what loads another template (there is nothing to load it from), and skips its content. */
            private boolean refuse(String what) {
                if (refusal[0] == null) {
                    refusal[0] = what + " are not supported: each input string is one template";
                }
                return false;
            }
        });
        return refusal[0];
    }

    /** Renders against an envelope's variables with a budget of its own. */
    public JsonNode render(Map<String, Object> variables) {
        return render(variables, EvaluationBudget.EnvelopeClock.startNow());
    }

    /**
     * Renders within {@link RoutingLimits#TEMPLATE_MAX_STEPS}, {@link RoutingLimits#TEMPLATE_MAX_OUTPUT_CHARS} and
     * the time the envelope's routing has left (see {@link EvaluationBudget}).
     *
     * @throws IllegalStateException naming the string that failed or was stopped, and why
     */
    JsonNode render(Map<String, Object> variables, EvaluationBudget.EnvelopeClock envelope) {
        EvaluationBudget budget = EvaluationBudget.start(RoutingLimits.TEMPLATE_MAX_STEPS,
                "look-ups and section iterations", envelope);
        Output out = new Output(budget);
        return TemplateData.within(budget, () -> render(root, variables, out));
    }

    private JsonNode render(Node node, Map<String, Object> vars, Output out) {
        return switch (node) {
            case Literal l -> l.value();
            case Text t -> JsonNodeFactory.instance.textNode(execute(t, vars, out));
            case Obj o -> {
                ObjectNode rendered = JsonNodeFactory.instance.objectNode();
                o.fields().forEach((k, v) -> rendered.set(k, render(v, vars, out)));
                yield rendered;
            }
            case Arr a -> {
                ArrayNode rendered = JsonNodeFactory.instance.arrayNode();
                a.items().forEach(v -> rendered.add(render(v, vars, out)));
                yield rendered;
            }
        };
    }

    private String execute(Text text, Map<String, Object> vars, Output out) {
        try {
            text.template().execute(vars, out);
            return out.take();
        } catch (EvaluationBudget.Exceeded e) {
            throw new IllegalStateException(text.path() + ": stopped: the input " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalStateException(text.path() + ": failed: " + e.getMessage());
        }
    }

    /** Collects one rendered string while counting every character against the whole input's cap. */
    private static final class Output extends Writer {
        private final EvaluationBudget budget;
        private final StringBuilder text = new StringBuilder();
        private long written;

        Output(EvaluationBudget budget) {
            this.budget = budget;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            count(len);
            text.append(chars, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            count(len);
            text.append(s, off, len);
        }

        private void count(int len) {
            written += len;
            if (written > RoutingLimits.TEMPLATE_MAX_OUTPUT_CHARS) {
                budget.fail("rendered more than " + RoutingLimits.TEMPLATE_MAX_OUTPUT_CHARS + " characters");
            }
        }

        String take() {
            String s = text.toString();
            text.setLength(0);
            return s;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
