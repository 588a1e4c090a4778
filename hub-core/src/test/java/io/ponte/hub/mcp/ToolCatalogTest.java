package io.ponte.hub.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tool names: what clients accept (letters, digits, {@code _}, {@code -}, at most 64), unique and stable. */
class ToolCatalogTest {

    @Test
    void a_tool_is_named_after_its_connection_and_action_in_the_strictest_alphabet_clients_use() {
        assertThat(ToolCatalog.name("con_01JD3QZ8X0000000000000000", "message.send", new HashSet<>()))
                .isEqualTo("con_01JD3QZ8X0000000000000000__message_send");
    }

    @Test
    void a_name_too_long_or_taken_is_cut_and_suffixed_with_a_hash_that_stays_the_same() {
        String longAction = "an.action.with.a.really.long.name.that.goes.on";
        String a = ToolCatalog.name("con_01JD3QZ8X0000000000000000", longAction, new HashSet<>());
        String b = ToolCatalog.name("con_01JD3QZ8X0000000000000000", longAction, new HashSet<>());
        assertThat(a).hasSizeLessThanOrEqualTo(ToolCatalog.MAX_NAME).matches("[A-Za-z0-9_-]+").isEqualTo(b);

        Set<String> taken = new HashSet<>();
        String dotted = ToolCatalog.name("con_X", "order.get", taken);
        String underscored = ToolCatalog.name("con_X", "order_get", taken);
        assertThat(dotted).isEqualTo("con_X__order_get");
        assertThat(underscored).isNotEqualTo(dotted).startsWith("con_X__order_get_").matches("[A-Za-z0-9_-]+");
    }
}
