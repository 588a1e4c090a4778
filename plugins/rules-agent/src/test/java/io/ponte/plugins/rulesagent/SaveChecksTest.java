package io.ponte.plugins.rulesagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.config.ConfigError;
import io.ponte.api.connector.Connector;
import io.ponte.testkit.TestConnectorContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the hub refuses when an admin saves a rules agent ({@code validate}): specialists that can only fail at run
 * time, together with every problem opening would find, each with its place.
 */
class SaveChecksTest {

    private static final String ROUTER = """
            {"rules":[],"specialists":[
              {"pattern":"comprar","connection":"con_SALES","intent":"sales"},
              {"pattern":"pedido","connection":"con_GONE","intent":"support"},
              {"pattern":"oi","connection":"con_CHAT","intent":"chat"}]}""";

    private static List<ConfigError> save(TestConnectorContext ctx) {
        return new RulesAgentConnectorFactory().validate(ctx);
    }

    @Test
    void refuses_specialists_that_no_connection_of_the_tenant_answers_naming_each_one() {
        TestConnectorContext ctx = Agents.context(ROUTER);
        ctx.actions().offer("con_SALES", "agent.reply").offer("con_CHAT", "message.send");

        assertThat(save(ctx)).containsExactly(
                new ConfigError("specialists[1].connection",
                        "no connection 'con_GONE' of this tenant offers agent.reply"),
                new ConfigError("specialists[2].connection",
                        "no connection 'con_CHAT' of this tenant offers agent.reply"));
    }

    @Test
    void accepts_specialists_the_tenant_has_whether_or_not_they_are_open() {
        TestConnectorContext ctx = Agents.context(ROUTER);
        ctx.actions().offer("con_SALES", "agent.reply").offer("con_GONE", "agent.reply")
                .offer("con_CHAT", "agent.reply");

        assertThat(save(ctx)).isEmpty();
    }

    @Test
    void refuses_a_router_that_names_itself_as_a_specialist() {
        TestConnectorContext ctx = Agents.context("""
                {"rules":[],"specialists":[{"pattern":".","connection":"%s"}]}"""
                .formatted(TestConnectorContext.CONNECTION_ID));

        assertThat(save(ctx)).containsExactly(new ConfigError("specialists[0].connection",
                "is this agent itself; name another agent connection"));
    }

    @Test
    void reports_what_opening_would_refuse_and_the_missing_specialists_at_once_each_with_its_place() {
        TestConnectorContext ctx = Agents.context("""
                {"rules":[{"pattern":"(unclosed","reply":"ok"}],"defaultReply":"{{#x}}",
                 "specialists":[{"pattern":"comprar","connection":"con_GONE"}]}""");

        assertThat(save(ctx)).extracting(ConfigError::field)
                .containsExactly("rules[0].pattern", "defaultReply", "specialists[0].connection");
    }

    @Test
    void a_specialist_deleted_after_the_save_does_not_stop_the_router_from_opening() {
        TestConnectorContext ctx = Agents.context(ROUTER);

        Connector router = Agents.open(ctx);

        assertThat(router).isNotNull();
        assertThat(save(ctx)).as("only a save checks the specialists").hasSize(3);
    }
}
