package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Party;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplyFlowTest {

    private final FakeChatCompletions fake = new FakeChatCompletions();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void replies_with_one_outbound_message_caused_by_the_inbound_one() {
        Agents a = new Agents(fake, "{}");
        fake.enqueue(Answer.text("Olá, Ana! Como posso ajudar?"));
        Envelope cause = a.inbound("oi");

        ActionResult result = a.reply(cause);

        assertThat(a.replies()).hasSize(1);
        EnvelopeDraft reply = a.replies().get(0);
        assertThat(reply.conversation()).isEqualTo(Agents.KEY);
        assertThat(reply.causationId()).isEqualTo(cause.id());
        assertThat(reply.correlationId()).isEqualTo(cause.correlationId());
        assertThat(reply.externalId()).isEqualTo("reply:" + cause.id());
        assertThat(((ChatMessage) reply.payload()).to()).isEqualTo(Party.of(Agents.ADDRESS));
        assertThat(Agents.text(reply)).isEqualTo("Olá, Ana! Como posso ajudar?");
        assertThat(result).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
            assertThat(d.externalRef()).isEqualTo("evt_TEST0");
            assertThat(d.output().get("reply").asText()).isEqualTo("Olá, Ana! Como posso ajudar?");
        });
        assertThat(fake.requests().get(0).header("Authorization")).isEqualTo("Bearer " + fake.apiKey());
    }

    @Test
    void sends_the_rendered_system_prompt_and_the_history_as_user_and_assistant_turns() {
        Agents a = new Agents(fake, """
                {"systemPrompt":"Você atende {{contact.name}} ({{contact.address}}) em {{conversation.key}}, \
                tenant {{tenant}}.{{#memory.city}} Mora em {{memory.city}}.{{/memory.city}}{{^memory.pet}} \
                Sem pet.{{/memory.pet}}","temperature":0.3}""");
        a.context.state().put("memory:" + Agents.KEY, "{\"city\":\"Recife\"}");
        a.inbound("oi");
        a.outbound("Olá! Em que posso ajudar?");
        a.note("{\"tool\":\"order_get__X\",\"outcome\":\"delivered\"}");
        a.say("quero saber do meu pedido");

        JsonNode expected = Json.parse("""
                [{"role":"system","content":"Você atende Ana (5511999990001) em con_WA:5511999990001, tenant \
                default. Mora em Recife. Sem pet.\\n\\nKnown facts about this contact:\\n- city: Recife"},
                 {"role":"user","content":"oi"},
                 {"role":"assistant","content":"Olá! Em que posso ajudar?"},
                 {"role":"user","content":"quero saber do meu pedido"}]""");
        assertThat(a.messages(0)).isEqualTo(expected);
        assertThat(fake.lastRequest().get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(fake.lastRequest().get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(fake.lastRequest().has("tools")).isFalse();
    }

    @Test
    void has_the_current_message_exactly_once_whether_or_not_the_history_has_it() {
        Agents a = new Agents(fake, "{\"systemPrompt\":\"S\"}");
        a.say("primeira");
        a.reply(Agents.envelope("evt_NOT_IN_HISTORY", "segunda"));

        assertThat(a.messages(0)).isEqualTo(Json.parse("""
                [{"role":"system","content":"S"},{"role":"user","content":"primeira"}]"""));
        assertThat(a.messages(1)).isEqualTo(Json.parse("""
                [{"role":"system","content":"S"},{"role":"user","content":"primeira"},
                 {"role":"user","content":"segunda"}]"""));
    }

    @Test
    void leaves_out_history_newer_than_the_message_being_answered() {
        Agents a = new Agents(fake, "{\"systemPrompt\":\"S\"}");
        Envelope first = a.inbound("primeira");
        a.inbound("segunda, chegou depois");
        a.reply(first);

        assertThat(a.messages(0)).isEqualTo(Json.parse("""
                [{"role":"system","content":"S"},{"role":"user","content":"primeira"}]"""));
    }

    @Test
    void trims_the_history_to_max_history_messages_keeping_the_newest() {
        Agents a = new Agents(fake, "{\"systemPrompt\":\"S\",\"maxHistoryMessages\":3}");
        for (int i = 1; i <= 4; i++) {
            a.inbound("pergunta " + i);
            a.outbound("resposta " + i);
        }
        a.say("atual");

        assertThat(a.messages(0)).isEqualTo(Json.parse("""
                [{"role":"system","content":"S"},{"role":"user","content":"pergunta 4"},
                 {"role":"assistant","content":"resposta 4"},{"role":"user","content":"atual"}]"""));
    }

    @Test
    void trims_to_the_token_budget_dropping_the_oldest_but_keeping_system_and_current_message() {
        String system = "s".repeat(200);
        Agents a = new Agents(fake, "{\"systemPrompt\":\"" + system + "\",\"maxContextTokens\":100}");
        a.inbound("a".repeat(80));   // 20 tokens
        a.outbound("b".repeat(80));  // 20 tokens
        a.inbound("c".repeat(40));   // 10 tokens
        a.say("d".repeat(40));       // 10 tokens; system is 50: room for 40 of history

        JsonNode m = a.messages(0);
        assertThat(m).hasSize(4);
        assertThat(m.get(0).get("content").asText()).isEqualTo(system);
        assertThat(m.get(1).get("content").asText()).isEqualTo("b".repeat(80));
        assertThat(m.get(2).get("content").asText()).isEqualTo("c".repeat(40));
        assertThat(m.get(3).get("content").asText()).isEqualTo("d".repeat(40));
    }

    @Test
    void keeps_system_and_current_message_even_when_they_alone_exceed_the_budget() {
        Agents a = new Agents(fake, "{\"systemPrompt\":\"" + "s".repeat(800) + "\",\"maxContextTokens\":100}");
        a.inbound("antiga");
        a.say("x".repeat(400));

        assertThat(a.messages(0)).hasSize(2);
        assertThat(a.messages(0).get(1).get("content").asText()).isEqualTo("x".repeat(400));
    }

    @Test
    void describes_media_and_button_replies_to_the_model() {
        Agents a = new Agents(fake, "{\"systemPrompt\":\"S\"}");
        Envelope photo = new Envelope("evt_P", "default", "message.inbound", Agents.CHANNEL, "w1", Agents.KEY,
                Agents.T0, "evt_P", null, ChatMessage.inbound(Party.of(Agents.ADDRESS), new Content.Media(
                Content.MediaType.IMAGE, null, "m1", "image/jpeg", null, "minha nota fiscal", null, null)), Map.of());
        a.reply(photo);
        assertThat(a.messages(0).get(1).get("content").asText()).isEqualTo("[image] minha nota fiscal");
    }

    @Test
    void stays_silent_when_a_human_or_nobody_handles_the_conversation() {
        for (ConversationState state : new ConversationState[]{ConversationState.HUMAN, ConversationState.CLOSED}) {
            Agents a = new Agents(fake, "{}");
            a.context.conversations().setState(Agents.KEY, state);
            ActionResult r = a.say("oi?");
            assertThat(r).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
                assertThat(d.externalRef()).isNull();
                assertThat(d.output().get("skipped").asText()).contains(state.wire());
            });
            assertThat(a.context.emitted()).isEmpty();
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void fails_for_a_cause_that_is_not_an_inbound_chat_message() {
        Agents a = new Agents(fake, "{}");
        Envelope status = new Envelope("evt_S", "default", "message.status", Agents.CHANNEL, null, Agents.KEY,
                Agents.T0, "evt_S", null, ChatMessage.outbound(Party.of("x"), new Content.Text("x")), Map.of());
        assertThat(a.reply(status)).isEqualTo(ActionResult.failed(
                "agent.reply needs an inbound chat message as its cause"));
        assertThat(a.agent.invoke(new ActionRequest(ActionNames.AGENT_REPLY, Json.object(), null, "d", 1)))
                .isInstanceOf(ActionResult.Failed.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void uses_the_contact_name_the_hub_knows_when_the_message_has_none() {
        Agents a = new Agents(fake, "{\"systemPrompt\":\"Nome: {{contact.name}}\"}");
        a.context.conversations().put(new ConversationInfo(Agents.KEY, "Ana Paula",
                ConversationState.BOT, 0));
        Envelope anonymous = new Envelope("evt_A", "default", "message.inbound", Agents.CHANNEL, "w", Agents.KEY,
                Agents.T0, "evt_A", null, ChatMessage.inbound(Party.of(Agents.ADDRESS), new Content.Text("oi")),
                Map.of());
        a.reply(anonymous);
        assertThat(a.messages(0).get(0).get("content").asText()).isEqualTo("Nome: Ana Paula");
    }
}
