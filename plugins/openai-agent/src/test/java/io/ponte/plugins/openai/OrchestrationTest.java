package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.message.Envelope;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import io.ponte.testkit.TestActions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrchestrationTest {

    private static final String INTENTS = """
            "intents":[
              {"name":"sales","connection":"con_SALES","description":"buying, prices","keywords":["preço","comprar"]},
              {"name":"support","connection":"con_SUPPORT","description":"problems with an order",
               "keywords":["defeito","troca"]}]""";

    private final FakeChatCompletions fake = new FakeChatCompletions();

    @AfterEach
    void stop() {
        fake.close();
    }

    private Agents router(String classifier) {
        Agents a = new Agents(fake, "{\"specialists\":{\"classifier\":\"" + classifier + "\"," + INTENTS + "}}");
        for (String conn : new String[]{"con_SALES", "con_SUPPORT"}) {
            a.context.actions().register(conn, new ActionSpec("agent.reply", "x", null),
                    (input, cause) -> new ActionResult.Delivered("reply:" + cause.id(), Json.object()
                            .put("by", conn)));
        }
        return a;
    }

    @Test
    void hands_the_message_to_the_specialist_its_keywords_select_and_returns_its_outcome() {
        Agents a = router("rules");
        Envelope cause = a.inbound("Qual o PREÇO do plano?");

        ActionResult r = a.reply(cause);

        assertThat(a.context.actions().calls()).singleElement().satisfies(c -> {
            assertThat(c.connectionId()).isEqualTo("con_SALES");
            assertThat(c.action()).isEqualTo("agent.reply");
            assertThat(c.input()).isEqualTo(Json.object());
            assertThat(c.cause()).isSameAs(cause);
        });
        assertThat(r).isEqualTo(new ActionResult.Delivered("reply:" + cause.id(), Json.object().put("by",
                "con_SALES")));
        assertThat(a.context.stateSnapshot()).containsEntry("intent:" + Agents.KEY, "sales");
        assertThat(a.notes()).singleElement().satisfies(n -> {
            assertThat(n.get("intent").asText()).isEqualTo("sales");
            assertThat(n.get("previous").isNull()).isTrue();
        });
        assertThat(a.replies()).isEmpty();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void keeps_the_intent_until_another_one_is_recognised_noting_each_change() {
        Agents a = router("rules");
        a.say("quero comprar");
        a.say("e em quantas vezes?");
        a.say("chegou com defeito");

        assertThat(a.context.actions().calls()).extracting(TestActions.Call::connectionId)
                .containsExactly("con_SALES", "con_SALES", "con_SUPPORT");
        assertThat(a.notes()).extracting(n -> n.get("intent").asText()).containsExactly("sales", "support");
        assertThat(a.notes().get(1).get("previous").asText()).isEqualTo("sales");
    }

    @Test
    void answers_itself_when_no_intent_matches_and_none_was_chosen_before() {
        Agents a = router("rules");
        fake.enqueue(Answer.text("Olá! Sobre o que quer falar?"));
        a.say("bom dia");
        assertThat(a.context.actions().calls()).isEmpty();
        assertThat(a.replies()).extracting(Agents::text).containsExactly("Olá! Sobre o que quer falar?");
    }

    @Test
    void the_model_classifier_asks_for_one_intent_name_at_temperature_zero() {
        Agents a = router("model");
        fake.enqueue(Answer.text(" Support. "));

        a.say("meu pedido veio errado");

        assertThat(fake.requests()).hasSize(1);
        assertThat(fake.lastRequest().get("temperature").asDouble()).isEqualTo(0.0);
        assertThat(fake.lastRequest().at("/messages/0/content").asText())
                .contains("one of: sales, support, none.").contains("- support: problems with an order");
        assertThat(fake.lastRequest().at("/messages/1/content").asText()).isEqualTo("meu pedido veio errado");
        assertThat(a.context.actions().calls()).extracting(TestActions.Call::connectionId)
                .containsExactly("con_SUPPORT");
        assertThat(a.notes()).filteredOn(n -> n.has("usage")).hasSize(1);
    }

    @Test
    void the_model_classifier_saying_none_lets_the_router_answer() {
        Agents a = router("model");
        fake.enqueue(Answer.text("none"), Answer.text("Posso ajudar em algo?"));
        a.say("oi");
        assertThat(a.context.actions().calls()).isEmpty();
        assertThat(a.replies()).extracting(Agents::text).containsExactly("Posso ajudar em algo?");
    }
}
