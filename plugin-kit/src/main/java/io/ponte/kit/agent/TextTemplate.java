package io.ponte.kit.agent;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Mustache template for text an agent writes (replies, system prompts), with JMustache as the hub's routes use
 * it, rendered over nested maps: {@code {{contact.name}}} looks up {@code name} in the map {@code contact}. Chat
 * text is not HTML, so nothing is escaped; a missing or null value renders empty, and an empty value hides a
 * {@code {{#x}}...{{/x}}} section (and shows {@code {{^x}}...{{/x}}}). Values are looked up in maps only, never by
 * reflection. Partials ({@code {{> name}}}) and parents ({@code {{< name}}}) have nothing to load and are refused
 * when the template compiles. Immutable and thread-safe.
 */
public final class TextTemplate {

    private static final Mustache.Compiler COMPILER = Mustache.compiler()
            .escapeHTML(false)
            .defaultValue("")
            .emptyStringIsFalse(true)
            .withCollector(new BasicCollector() {
                @Override
                public <K, V> Map<K, V> createFetcherCache() {
                    return new ConcurrentHashMap<>();
                }
            });

    private final Template template;

    private TextTemplate(Template template) {
        this.template = template;
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException with a one-line reason ("is not a valid Mustache template: ...", "cannot
     *                                  include other templates ...") for the caller to prefix with the config field
     */
    public static TextTemplate compile(String source) {
        Objects.requireNonNull(source, "source");
        Template template;
        try {
            template = COMPILER.compile(source);
        } catch (MustacheException e) {
            throw new IllegalArgumentException("is not a valid Mustache template: " + oneLine(e));
        }
        List<String> includes = includes(template);
        if (!includes.isEmpty()) {
            throw new IllegalArgumentException("cannot include other templates (" + String.join(", ", includes)
                    + "): there is nothing to load them from");
        }
        return new TextTemplate(template);
    }

    /**
     * Renders the template.
     *
     * @param values nested maps of values
     * @throws IllegalStateException with a one-line reason when rendering fails
     */
    public String render(Map<String, ?> values) {
        try {
            return template.execute(values);
        } catch (RuntimeException e) {
            throw new IllegalStateException(oneLine(e), e);
        }
    }

    private static String oneLine(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip();
    }

    private static List<String> includes(Template template) {
        List<String> out = new ArrayList<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
            }

            @Override
            public boolean visitInclude(String name) {
                out.add("{{> " + name + "}}");
                return false;
            }

            @Override
            public boolean visitParent(String name) {
                out.add("{{< " + name + "}}");
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                return true;
            }
        });
        return out;
    }
}
