package io.ponte.plugins.rulesagent;

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
 * A reply written as a Mustache template (JMustache), rendered against {@link TemplateVariables}. Chat text is not
 * HTML, so nothing is escaped ({@code {{x}}} and {@code {{{x}}}} are the same); a missing or null variable renders
 * empty. Values are looked up in maps only, never by reflection. Partials ({@code {{> name}}}) and parent templates
 * ({@code {{< name}}}) have nothing to load and are refused when the template compiles. Immutable and thread-safe.
 */
final class ReplyTemplate {

    private static final Mustache.Compiler COMPILER = Mustache.compiler()
            .escapeHTML(false)
            .defaultValue("")
            .withCollector(new BasicCollector() {
                @Override
                public <K, V> Map<K, V> createFetcherCache() {
                    return new ConcurrentHashMap<>();
                }
            })
            .withLoader(name -> {
                throw new MustacheException("templates cannot include other templates ({{> " + name + "}})");
            });

    private final String field;
    private final String source;
    private final Template template;

    private ReplyTemplate(String field, String source, Template template) {
        this.field = field;
        this.source = source;
        this.template = template;
    }

    /**
     * Compiles a configured template.
     *
     * @param field  where it sits in the config ({@code rules[0].reply}), for messages
     * @param source the template text
     * @return the template
     * @throws IllegalArgumentException with a one-line reason when it is empty, does not parse or includes others
     */
    static ReplyTemplate compile(String field, String source) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("must not be empty: the reply to send");
        }
        Template template;
        try {
            template = COMPILER.compile(source);
        } catch (MustacheException e) {
            throw new IllegalArgumentException("is not a valid Mustache template: " + oneLine(e));
        }
        List<String> includes = new ArrayList<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
            }

            @Override
            public boolean visitInclude(String name) {
                includes.add("{{> " + name + "}}");
                return false;
            }

            @Override
            public boolean visitParent(String name) {
                includes.add("{{< " + name + "}}");
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
        if (!includes.isEmpty()) {
            throw new IllegalArgumentException("cannot include other templates (" + String.join(", ", includes)
                    + "): there is nothing to load them from");
        }
        return new ReplyTemplate(field, RulePattern.nfc(source), template);
    }

    /**
     * Renders the reply.
     *
     * @param variables the values, see {@link TemplateVariables}
     * @return the text, with surrounding white space removed
     * @throws RenderFailed naming the template and the reason
     */
    String render(Map<String, Object> variables) {
        try {
            return template.execute(variables).strip();
        } catch (RuntimeException e) {
            throw new RenderFailed(field + " could not be rendered: " + oneLine(e));
        }
    }

    /** Where the template sits in the config. */
    String field() {
        return field;
    }

    /** The template text. */
    String source() {
        return source;
    }

    @Override
    public String toString() {
        return field;
    }

    private static String oneLine(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip();
    }

    /** A template failed while rendering: the action fails with this message. */
    static final class RenderFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RenderFailed(String message) {
            super(message, null, false, false);
        }
    }
}
