package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.message.Envelope;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandoffTest {

    private static final String CONFIG = """
            {"tools":["handoff.human"],
             "handoff":{"keywords":["atendente","humano","falar com pessoa"],"reply":"Vou te passar para um atendente."}}""";

    private final FakeChatCompletions fake = new FakeChatCompletions();

    @AfterEach
    void stop() {
        fake.close();
    }

    private ConversationState state(Agents a) {
        return a.context.conversations().get(Agents.KEY).orElseThrow().state();
    }

    @Test
    void a_keyword_hands_over_without_asking_the_model_and_says_the_reply_once() {
        Agents a = new Agents(fake, CONFIG);
        Envelope cause = a.inbound("Quero falar com um ATENDÊNTE, por favor");

        ActionResult r = a.reply(cause);

        assertThat(fake.requests()).isEmpty();
        assertThat(state(a)).isEqualTo(ConversationState.HUMAN);
        assertThat(a.notes()).containsExactly(Json.parse("{\"handoff\":\"human\",\"reason\":\"keyword: atendente\"}"));
        assertThat(a.emitted("conversation.note").get(0).externalId()).isEqualTo("handoff:" + cause.id());
        assertThat(a.replies()).singleElement().satisfies(d -> {
            assertThat(Agents.text(d)).isEqualTo("Vou te passar para um atendente.");
            assertThat(d.externalId()).isEqualTo("reply:" + cause.id());
        });
        assertThat(r).isInstanceOfSatisfying(ActionResult.Delivered.class,
                d -> assertThat(d.output().get("handoff").asText()).isEqualTo("human"));
    }

    @Test
    void stays_silent_after_handing_over() {
        Agents a = new Agents(fake, CONFIG);
        a.say("humano");
        ActionResult later = a.say("alô? tem alguém?");

        assertThat(later).isInstanceOfSatisfying(ActionResult.Delivered.class,
                d -> assertThat(d.output().has("skipped")).isTrue());
        assertThat(a.replies()).hasSize(1);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void matches_whole_words_and_phrases_only() {
        Agents a = new Agents(fake, CONFIG);
        a.say("os humanos são complicados");
        assertThat(state(a)).isEqualTo(ConversationState.OPEN);
        assertThat(fake.requests()).hasSize(1);

        a.say("posso falar com pessoa real?");
        assertThat(state(a)).isEqualTo(ConversationState.HUMAN);
    }

    @Test
    void the_model_can_hand_over_with_the_built_in_tool() {
        Agents a = new Agents(fake, CONFIG);
        fake.enqueue(Answer.toolCall("call_h", "handoff_human", "{\"reason\":\"wants a refund\"}"));
        Envelope cause = a.inbound("me devolve o dinheiro");

        ActionResult r = a.reply(cause);

        assertThat(fake.requests()).hasSize(1);
        assertThat(state(a)).isEqualTo(ConversationState.HUMAN);
        assertThat(a.notes()).filteredOn(n -> n.has("handoff")).containsExactly(Json.parse(
                "{\"handoff\":\"human\",\"reason\":\"wants a refund\"}"));
        assertThat(a.notes()).filteredOn(n -> n.has("tool")).extracting(n -> n.get("tool").asText())
                .containsExactly("handoff_human");
        assertThat(a.replies()).extracting(Agents::text).containsExactly("Vou te passar para um atendente.");
        assertThat(((ActionResult.Delivered) r).output().get("reason").asText()).isEqualTo("wants a refund");
    }

    @Test
    void without_a_reply_configured_the_hand_over_is_silent() {
        Agents a = new Agents(fake, "{\"handoff\":{\"keywords\":[\"humano\"]}}");
        ActionResult r = a.say("humano");
        assertThat(a.replies()).isEmpty();
        assertThat(a.notes()).hasSize(1);
        assertThat(((ActionResult.Delivered) r).externalRef()).isNull();
        assertThat(state(a)).isEqualTo(ConversationState.HUMAN);
    }
}
