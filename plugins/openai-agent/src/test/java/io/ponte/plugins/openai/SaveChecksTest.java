package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.config.ConfigError;
import io.ponte.testkit.TestConnectorContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the hub refuses when an admin saves an OpenAI agent ({@code validate}): names that can only fail at run time. */
class SaveChecksTest {

    private static final String AGENT = """
            {"apiKey":"sk-save-checks","baseUrl":"http://127.0.0.1:9/v1",
             "tools":["handoff.human","con_SHOP/order.get"," con_GONE/order.get ","con_SHOP/payment.refund",
                      "memory.remember"],
             "specialists":{"classifier":"rules","intents":[
               {"name":"sales","connection":"con_SALES","keywords":["comprar"]},
               {"name":"support","connection":"con_SHOP","keywords":["pedido"]}]}}""";

    private static TestConnectorContext context(String json) {
        return TestConnectorContext.of(new OpenAiAgentConnectorFactory(), json);
    }

    private static List<ConfigError> save(TestConnectorContext ctx) {
        return new OpenAiAgentConnectorFactory().validate(ctx);
    }

    @Test
    void refuses_tools_and_specialists_that_no_connection_of_the_tenant_offers_naming_each_one() {
        TestConnectorContext ctx = context(AGENT);
        ctx.actions().offer("con_SHOP", "order.get").offer("con_SALES", "agent.reply");

        assertThat(save(ctx)).containsExactly(
                new ConfigError("tools[2]", "no connection 'con_GONE' of this tenant offers order.get"),
                new ConfigError("tools[3]", "no connection 'con_SHOP' of this tenant offers payment.refund"),
                new ConfigError("specialists.intents[1].connection",
                        "no connection 'con_SHOP' of this tenant offers agent.reply"));
    }

    @Test
    void accepts_what_the_tenant_offers_whether_or_not_it_is_open() {
        TestConnectorContext ctx = context(AGENT);
        ctx.actions().offer("con_SHOP", "order.get").offer("con_GONE", "order.get")
                .offer("con_SHOP", "payment.refund").offer("con_SALES", "agent.reply")
                .offer("con_SHOP", "agent.reply");

        assertThat(save(ctx)).isEmpty();
    }

    @Test
    void refuses_an_agent_that_names_itself_as_a_tool_or_a_specialist() {
        String self = TestConnectorContext.CONNECTION_ID;
        TestConnectorContext ctx = context("""
                {"apiKey":"sk-save-checks","tools":["%s/agent.reply"],
                 "specialists":{"classifier":"model","intents":[{"name":"me","connection":"%s"}]}}"""
                .formatted(self, self));

        assertThat(save(ctx)).containsExactly(
                new ConfigError("tools[0]", "is this agent itself; name another connection"),
                new ConfigError("specialists.intents[0].connection", "is this agent itself; name another connection"));
    }

    @Test
    void leaves_entries_of_the_wrong_shape_to_the_check_at_open() {
        TestConnectorContext ctx = context("""
                {"apiKey":"sk-save-checks","tools":["orders","handoff.human"],
                 "specialists":{"intents":[{"name":"sales"},"not an object"]}}""");

        assertThat(save(ctx)).isEmpty();
    }

    @Test
    void a_tool_deleted_after_the_save_does_not_stop_the_agent_from_opening() {
        TestConnectorContext ctx = context(AGENT);

        assertThat(new OpenAiAgentConnectorFactory().open(ctx)).isNotNull();
        assertThat(save(ctx)).as("only a save checks the named connections").hasSize(5);
    }
}
