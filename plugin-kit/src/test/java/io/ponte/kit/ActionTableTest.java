package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActionTableTest {

    private static ActionRequest request(String action) {
        return new ActionRequest(action, PluginJson.mapper().createObjectNode(), null, "dlv_1", 1);
    }

    private final ActionTable table = ActionTable.builder()
            .on(ActionNames.MESSAGE_SEND, r -> ActionResult.delivered("m1"))
            .on(ActionNames.MESSAGE_READ, r -> {
                throw ActionFailure.retryAfter(Duration.ofSeconds(3), "busy");
            })
            .build();

    @Test
    void runs_the_named_action_and_returns_a_thrown_failure_as_its_outcome() {
        assertThat(table.invoke(request(ActionNames.MESSAGE_SEND))).isEqualTo(ActionResult.delivered("m1"));
        assertThat(table.invoke(request(ActionNames.MESSAGE_READ)))
                .isEqualTo(ActionResult.retryAfter(Duration.ofSeconds(3), "busy"));
    }

    @Test
    void an_unknown_action_fails_naming_the_ones_offered() {
        assertThat(table.invoke(request("order.get"))).isEqualTo(ActionResult.failed(
                "this connector offers no action order.get; it offers [message.read, message.send]"));
    }

    @Test
    void two_handlers_for_one_action_are_a_bug_found_when_the_table_is_built() {
        assertThatThrownBy(() -> ActionTable.builder().on("a.b", r -> null).on("a.b", r -> null))
                .hasMessageContaining("two handlers for action a.b");
    }
}
