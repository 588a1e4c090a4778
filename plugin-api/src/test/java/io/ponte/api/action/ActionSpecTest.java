package io.ponte.api.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActionSpecTest {

    @Test
    void parses_an_input_schema_from_json_text_and_names_a_broken_one() {
        assertThat(ActionSpec.schema("{\"type\":\"object\",\"required\":[\"to\"]}").get("required").get(0).asText())
                .isEqualTo("to");
        assertThatThrownBy(() -> ActionSpec.schema("{\"type\":")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not JSON");
    }
}
