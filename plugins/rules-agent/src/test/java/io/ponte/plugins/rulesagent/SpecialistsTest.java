package io.ponte.plugins.rulesagent;

import static io.ponte.plugins.rulesagent.Agents.KEY;
import static io.ponte.plugins.rulesagent.Agents.delivered;
import static io.ponte.plugins.rulesagent.Agents.inbound;
import static io.ponte.plugins.rulesagent.Agents.notes;
import static io.ponte.plugins.rulesagent.Agents.replies;
import static io.ponte.plugins.rulesagent.Agents.replyTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.connector.Connector;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.PluginJson;
import io.ponte.testkit.TestActions;
import io.ponte.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;

class SpecialistsTest {

    private static final String ROUTER = """
            {"rules":[{"pattern":"horário","reply":"Das 9h às 18h."}],
             "defaultReply":"Posso ajudar com compras ou com seu pedido.",
             "handoff":{"pattern":"humano","reply":"Chamando alguém."},
             "specialists":[
               {"pattern":"comprar|preço|orçamento","connection":"con_SALES","intent":"sales"},
               {"pattern":"pedido|entrega|troca","connection":"con_SUPPORT","intent":"support"}]}""";

    private final TestConnectorContext ctx = Agents.context(ROUTER);
    private final Connector router = Agents.open(ctx);
    private final ActionSpec reply = new ActionSpec("agent.reply", "answers", null);

    SpecialistsTest() {
        ctx.actions()
                .register("con_SALES", reply, (input, cause) -> ActionResult.delivered("evt_SALES_" + cause.id()))
                .register("con_SUPPORT", reply, (input, cause) -> ActionResult.delivered("evt_SUPPORT_" + cause.id()));
    }

    private ActionResult send(String id, String text) {
        return router.invoke(replyTo(inbound(id, text)));
    }

    @Test
    void hands_a_matching_message_to_its_specialist_with_the_cause_and_returns_its_outcome() {
        ActionResult r = send("evt_1", "quero comprar um sofá");

        assertThat(r).isEqualTo(ActionResult.delivered("evt_SALES_evt_1"));
        TestActions.Call call = ctx.actions().calls().getFirst();
        assertThat(call.connectionId()).isEqualTo("con_SALES");
        assertThat(call.action()).isEqualTo("agent.reply");
        assertThat(call.input()).isEqualTo(PluginJson.mapper().createObjectNode());
        assertThat(call.cause().id()).isEqualTo("evt_1");
        assertThat(replies(ctx)).as("the specialist replies, not the router").isEmpty();
        assertThat(ctx.stateSnapshot()).containsEntry("intent:" + KEY, "sales");
    }

    @Test
    void records_the_chosen_intent_once_in_a_note() {
        send("evt_1", "preço do sofá?");
        send("evt_2", "e o preço da mesa?");

        assertThat(notes(ctx)).singleElement().satisfies(n -> {
            assertThat(n.externalId()).isEqualTo("intent:evt_1");
            assertThat(n.conversation()).isEqualTo(KEY);
            assertThat(n.causationId()).isEqualTo("evt_1");
            assertThat(((GenericPayload) n.payload()).data()).isEqualTo(PluginJson.mapper().createObjectNode()
                    .put("intent", "sales").put("specialist", "con_SALES"));
        });
    }

    @Test
    void keeps_the_intent_for_later_messages_that_match_no_specialist() {
        send("evt_1", "quero comprar um sofá");
        send("evt_2", "de três lugares, cinza");
        send("evt_3", "ok!");

        assertThat(ctx.actions().calls()).extracting(TestActions.Call::connectionId)
                .containsExactly("con_SALES", "con_SALES", "con_SALES");
        assertThat(ctx.actions().calls()).extracting(c -> c.cause().id()).containsExactly("evt_1", "evt_2", "evt_3");
    }

    @Test
    void changes_the_intent_when_another_specialist_matches() {
        send("evt_1", "quero comprar um sofá");
        send("evt_2", "na verdade, cadê meu pedido 42?");
        send("evt_3", "obrigada");

        assertThat(ctx.actions().calls()).extracting(TestActions.Call::connectionId)
                .containsExactly("con_SALES", "con_SUPPORT", "con_SUPPORT");
        assertThat(notes(ctx)).extracting(n -> ((GenericPayload) n.payload()).data())
                .containsExactly(PluginJson.mapper().createObjectNode().put("intent", "sales")
                                .put("specialist", "con_SALES"),
                        PluginJson.mapper().createObjectNode().put("intent", "support")
                                .put("specialist", "con_SUPPORT").put("previousIntent", "sales"));
        assertThat(ctx.stateSnapshot()).containsEntry("intent:" + KEY, "support");
        assertThat(ctx.recordedMetrics()).containsExactly("agent.intent.changes[intent,sales]",
                "agent.routed[intent,sales]", "agent.intent.changes[intent,support]", "agent.routed[intent,support]",
                "agent.routed[intent,support]");
    }

    @Test
    void without_a_match_or_a_remembered_intent_the_router_answers_by_its_own_rules() {
        ActionResult.Delivered hours = delivered(send("evt_1", "qual o horário?"));
        ActionResult.Delivered other = delivered(send("evt_2", "bom dia"));

        assertThat(hours.output().path("reply").asText()).isEqualTo("Das 9h às 18h.");
        assertThat(other.output().path("reply").asText()).isEqualTo("Posso ajudar com compras ou com seu pedido.");
        assertThat(ctx.actions().calls()).isEmpty();
        assertThat(ctx.stateSnapshot()).doesNotContainKey("intent:" + KEY);
    }

    @Test
    void a_hand_off_beats_routing() {
        send("evt_1", "quero comprar");
        delivered(send("evt_2", "quero comprar com um humano"));
        assertThat(ctx.actions().calls()).hasSize(1);
        assertThat(replies(ctx)).containsExactly("Chamando alguém.");
    }

    @Test
    void a_specialist_that_asks_for_a_retry_makes_the_router_retry_without_a_second_note() {
        TestConnectorContext c = Agents.context(ROUTER);
        int[] attempts = {0};
        c.actions().register("con_SALES", reply, (input, cause) -> ++attempts[0] == 1
                ? ActionResult.retry("model overloaded") : ActionResult.delivered("evt_SALES"));
        Connector r = Agents.open(c);
        Envelope cause = inbound("evt_1", "orçamento de 3 cadeiras");

        assertThat(r.invoke(replyTo(cause))).isEqualTo(ActionResult.retry("model overloaded"));
        assertThat(r.invoke(replyTo(cause))).isEqualTo(ActionResult.delivered("evt_SALES"));
        assertThat(notes(c)).hasSize(1);
    }

    @Test
    void forgets_a_remembered_intent_whose_specialist_left_the_config() {
        ctx.state().put("intent:" + KEY, "billing");
        ActionResult.Delivered r = delivered(send("evt_1", "tudo bem?"));

        assertThat(r.output().path("source").asText()).isEqualTo("defaultReply");
        assertThat(ctx.stateSnapshot()).doesNotContainKey("intent:" + KEY);
        assertThat(ctx.actions().calls()).isEmpty();
    }

    @Test
    void an_unknown_specialist_connection_fails_as_the_hub_answers() {
        TestConnectorContext c = Agents.context("""
                {"rules":[],"specialists":[{"pattern":".","connection":"con_GONE"}]}""");
        ActionResult r = Agents.open(c).invoke(replyTo(inbound("evt_1", "oi")));
        assertThat(r).isInstanceOf(ActionResult.Failed.class);
        assertThat(c.actions().calls()).extracting(TestActions.Call::connectionId).containsExactly("con_GONE");
    }
}
