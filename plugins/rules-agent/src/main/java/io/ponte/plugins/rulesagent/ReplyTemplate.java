package io.ponte.plugins.rulesagent;

import io.ponte.kit.agent.TextTemplate;
import java.util.Map;
import java.util.Objects;

/**
 * A reply written as a Mustache template ({@link TextTemplate}: JMustache, nothing escaped, missing values empty,
 * maps only, no includes), rendered against {@link TemplateVariables}. Immutable and thread-safe.
 */
final class ReplyTemplate {

    private final String field;
    private final String source;
    private final TextTemplate template;

    private ReplyTemplate(String field, String source, TextTemplate template) {
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
     * @throws IllegalArgumentException with a one-line reason when it does not parse or includes others
     */
    static ReplyTemplate compile(String field, String source) {
        Objects.requireNonNull(source, "source");
        return new ReplyTemplate(field, RulePattern.nfc(source), TextTemplate.compile(source));
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
            return template.render(variables).strip();
        } catch (IllegalStateException e) {
            throw new RenderFailed(field + " could not be rendered: " + e.getMessage());
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

    /** A template failed while rendering: the action fails with this message. */
    static final class RenderFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RenderFailed(String message) {
            super(message, null, false, false);
        }
    }
}
