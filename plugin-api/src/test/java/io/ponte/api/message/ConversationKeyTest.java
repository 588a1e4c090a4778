package io.ponte.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.connector.Category;
import org.junit.jupiter.api.Test;

class ConversationKeyTest {

    private final ObjectMapper json = MessageJson.newMapper();

    @Test
    void splits_at_the_first_colon_so_an_address_may_hold_colons() {
        ConversationKey key = ConversationKey.of("con_01HTTP:user:42");
        assertThat(key.connectionId()).isEqualTo("con_01HTTP");
        assertThat(key.address()).isEqualTo("user:42");
        assertThat(key).hasToString("con_01HTTP:user:42");
    }

    @Test
    void refuses_keys_without_both_parts() {
        assertThat(ConversationKey.parse(null)).isEmpty();
        assertThat(ConversationKey.parse("con_A")).isEmpty();
        assertThat(ConversationKey.parse(":5511")).isEmpty();
        assertThat(ConversationKey.parse("con_A:")).isEmpty();
        assertThat(ConversationKey.parse("con_A: ")).isEmpty();
        assertThat(ConversationKey.parse(" :55")).isEmpty();
        assertThatThrownBy(() -> ConversationKey.of("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<connection id>:<contact address>");
    }

    @Test
    void is_written_as_one_string_in_json_and_read_back() throws Exception {
        ConversationKey key = new ConversationKey("con_A", "5511999990001");
        assertThat(json.writeValueAsString(key)).isEqualTo("\"con_A:5511999990001\"");
        assertThat(json.readValue("\"con_A:5511999990001\"", ConversationKey.class)).isEqualTo(key);
    }

    @Test
    void enums_are_upper_case_in_java_and_lower_case_on_the_wire() throws Exception {
        assertThat(json.writeValueAsString(ConversationState.HUMAN)).isEqualTo("\"human\"");
        assertThat(json.readValue("\"bot\"", ConversationState.class)).isEqualTo(ConversationState.BOT);
        assertThat(json.writeValueAsString(Category.CHANNEL)).isEqualTo("\"channel\"");
        assertThat(json.readValue("\"image\"", Content.MediaType.class)).isEqualTo(Content.MediaType.IMAGE);
    }
}
