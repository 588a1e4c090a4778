package io.ponte.kit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTemplateTest {

    private static final Map<String, Object> VALUES = Map.of("contact", Map.of("name", "Ana & Bia", "address", ""),
            "memory", Map.of("city", "Recife"));

    private static String render(String template) {
        return TextTemplate.compile(template).render(VALUES);
    }

    @Test
    void looks_up_compound_names_in_nested_maps_without_escaping() {
        assertThat(render("{{contact.name}}|{{{contact.name}}}|{{memory.city}}|{{memory.pet}}|{{nope.deep}}"))
                .isEqualTo("Ana & Bia|Ana & Bia|Recife||");
    }

    @Test
    void an_empty_or_missing_value_hides_a_section_and_shows_an_inverted_one() {
        assertThat(render("{{#contact.address}}A{{/contact.address}}{{^contact.address}}no address{{/contact.address}}"
                + "{{#memory.pet}}P{{/memory.pet}}{{#memory.city}} in {{memory.city}}{{/memory.city}}{{! note }}"))
                .isEqualTo("no address in Recife");
    }

    @Test
    void refuses_a_syntax_error_and_includes_with_a_one_line_reason() {
        assertThatThrownBy(() -> TextTemplate.compile("Hi {{#contact.name}}there"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("is not a valid Mustache template: Section missing close tag 'contact.name'");
        assertThatThrownBy(() -> TextTemplate.compile("{{#memory.x}}{{> other}}{{/memory.x}}"))
                .hasMessage("cannot include other templates ({{> other}}): there is nothing to load them from");
        assertThatThrownBy(() -> TextTemplate.compile("{{< layout}}{{/layout}}")).hasMessageContaining("{{< layout}}");
    }
}
