package io.ponte.plugins.openai;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The part of Mustache a system prompt needs, over flat dotted names ({@code contact.name}, {@code memory.city}):
 * {@code {{name}}} (and {@code {{{name}}}}, the same: prompts are not HTML, nothing is escaped),
 * {@code {{#name}}...{{/name}}} (shown when the value is set and not empty), {@code {{^name}}...{{/name}}} (shown
 * when it is not) and {@code {{! comments}}}. An unknown name renders as nothing, as in Mustache.
 */
final class PromptTemplate {

    private PromptTemplate() {
    }

    /** Why the template cannot be rendered (an unclosed tag or section), or empty when it is fine. */
    static Optional<String> check(String template) {
        try {
            render(template, Map.of());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Renders the template over the values. */
    static String render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        Deque<Boolean> shown = new ArrayDeque<>();
        boolean visible = true;
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("{{", i);
            if (start < 0) {
                if (visible) {
                    out.append(template, i, template.length());
                }
                break;
            }
            if (visible) {
                out.append(template, i, start);
            }
            boolean triple = template.startsWith("{{{", start);
            int end = template.indexOf(triple ? "}}}" : "}}", start);
            if (end < 0) {
                throw new IllegalArgumentException("has an unclosed {{ tag at character " + start);
            }
            String tag = template.substring(start + (triple ? 3 : 2), end).strip();
            i = end + (triple ? 3 : 2);
            if (tag.startsWith("!")) {
                continue;
            }
            if (tag.startsWith("#") || tag.startsWith("^")) {
                String name = tag.substring(1).strip();
                String v = values.get(name);
                boolean set = v != null && !v.isEmpty();
                open.push(name);
                shown.push(visible);
                visible = visible && (tag.startsWith("#") == set);
            } else if (tag.startsWith("/")) {
                String name = tag.substring(1).strip();
                if (open.isEmpty() || !open.peek().equals(name)) {
                    throw new IllegalArgumentException("closes section {{/" + name + "}} that is not open");
                }
                open.pop();
                visible = shown.pop();
            } else if (visible) {
                out.append(values.getOrDefault(tag, ""));
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("leaves section {{#" + open.peek() + "}} unclosed");
        }
        return out.toString();
    }
}
