package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PluginJsonTest {

    @Test
    void parses_an_input_schema_from_json_text_and_names_a_broken_one() {
        assertThat(PluginJson.schema("{\"type\":\"object\",\"required\":[\"to\"]}").get("required").get(0).asText())
                .isEqualTo("to");
        assertThatThrownBy(() -> PluginJson.schema("{\"type\":")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not JSON");
    }
}
