package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.Lead;
import io.ponte.api.message.Party;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QualificationTest {

    private static final String CONFIG = """
            {"systemPrompt":"Você é corretor.",
             "qualification":{"fields":[
               {"name":"interest","description":"what property they want","weight":30,"required":true},
               {"name":"budget","description":"how much they can pay","weight":50,"required":true},
               {"name":"timeline","description":"when they want to move","weight":20}],
              "thresholds":{"hot":80,"warm":50,"cold":20},
              "closingMessage":"Obrigado! Um corretor vai falar com você."}}""";

    private final FakeChatCompletions fake = new FakeChatCompletions();

    @AfterEach
    void stop() {
        fake.close();
    }

    private static boolean offersLeadRecord(JsonNode request) {
        for (JsonNode t : request.path("tools")) {
            if (t.at("/function/name").asText().equals("lead_record")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void collects_fields_over_several_messages_then_emits_one_scored_lead_and_the_closing_message() {
        Agents a = new Agents(fake, CONFIG);
        fake.enqueue(Answer.toolCall("c1", "lead_record", "{\"field\":\"interest\",\"value\":\"apartamento\"}"),
                Answer.text("Legal! Qual o seu orçamento?"));
        a.say("quero um apartamento");
        a.outbound("Legal! Qual o seu orçamento?");

        assertThat(a.emitted("lead.qualified")).isEmpty();
        assertThat(a.replies()).extracting(Agents::text).containsExactly("Legal! Qual o seu orçamento?");
        assertThat(offersLeadRecord(fake.requestBodies().get(0))).isTrue();
        assertThat(a.messages(0).get(0).get("content").asText()).startsWith("Você é corretor.\n\nQualify this lead")
                .contains("- interest (required): what property they want")
                .contains("- timeline: when they want to move");

        fake.enqueue(Answer.toolCall("c2", "lead_record", "{\"field\":\"budget\",\"value\":\"500 mil\"}"),
                Answer.text("Perfeito, obrigado."));
        Envelope second = a.inbound("até 500 mil");
        ActionResult r = a.reply(second);

        assertThat(a.messages(2).get(0).get("content").asText()).contains("[collected: apartamento]");
        assertThat(a.emitted("lead.qualified")).singleElement().satisfies(d -> {
            assertThat(d.externalId()).isEqualTo("lead:" + Agents.KEY);
            assertThat(d.conversation()).isEqualTo(Agents.KEY);
            assertThat(d.causationId()).isEqualTo(second.id());
            assertThat(d.payload()).isEqualTo(new Lead(null, new Party(Agents.ADDRESS, "Ana"), 80, "hot",
                    Map.of("interest", "apartamento", "budget", "500 mil")));
        });
        assertThat(a.replies()).extracting(Agents::text).containsExactly("Legal! Qual o seu orçamento?",
                "Obrigado! Um corretor vai falar com você.");
        assertThat(((ActionResult.Delivered) r).output().at("/lead/score").asInt()).isEqualTo(80);

        a.outbound("Obrigado! Um corretor vai falar com você.");
        fake.enqueue(Answer.text("Claro, pode perguntar."));
        a.say("posso tirar mais uma dúvida?");

        assertThat(a.emitted("lead.qualified")).hasSize(1);
        assertThat(a.replies()).extracting(Agents::text).endsWith("Claro, pode perguntar.");
        assertThat(offersLeadRecord(fake.lastRequest())).isFalse();
        assertThat(fake.lastRequest().at("/messages/0/content").asText()).doesNotContain("Qualify this lead");
    }

    @Test
    void a_retry_of_the_closing_message_repeats_the_same_lead_and_reply_keys() {
        Agents a = new Agents(fake, CONFIG.replace("\"weight\":50,\"required\":true", "\"weight\":50"));
        fake.enqueue(Answer.toolCall("c1", "lead_record", "{\"field\":\"interest\",\"value\":\"casa\"}"),
                Answer.text("ok"), Answer.text("ok de novo"));
        Envelope cause = a.inbound("quero uma casa");
        a.reply(cause);
        a.reply(cause);

        assertThat(a.emitted("lead.qualified")).extracting(EnvelopeDraft::externalId)
                .containsExactly("lead:" + Agents.KEY);
        assertThat(a.replies()).extracting(EnvelopeDraft::externalId).containsExactly("reply:" + cause.id());
        assertThat(a.replies()).extracting(Agents::text).containsOnly("Obrigado! Um corretor vai falar com você.");
        assertThat(((Lead) a.emitted("lead.qualified").get(0).payload()).temperature()).isEqualTo("cold");
    }

    @Test
    void refuses_a_field_that_is_not_configured() {
        Agents a = new Agents(fake, CONFIG);
        fake.enqueue(Answer.toolCall("c1", "lead_record", "{\"field\":\"shoeSize\",\"value\":\"42\"}"),
                Answer.text("ok"));
        a.say("calço 42");
        JsonNode m = a.messages(1);
        assertThat(m.get(m.size() - 1).get("content").asText()).startsWith("error: unknown field 'shoeSize'");
        assertThat(a.context.stateSnapshot()).doesNotContainKey("lead:" + Agents.KEY);
    }

    @Test
    void scores_by_collected_weight_into_the_temperature_bands() {
        String config = CONFIG.replace("\"weight\":50,\"required\":true", "\"weight\":50");
        Agents a = new Agents(fake, config);
        fake.enqueue(Answer.toolCalls(new FakeChatCompletions.ToolCall("c1", "lead_record",
                        "{\"field\":\"interest\",\"value\":\"casa\"}"), new FakeChatCompletions.ToolCall("c2",
                        "lead_record", "{\"field\":\"timeline\",\"value\":\"já\"}")), Answer.text("ok"));
        a.say("quero uma casa já");
        Lead lead = (Lead) a.emitted("lead.qualified").get(0).payload();
        assertThat(lead.score()).isEqualTo(50);
        assertThat(lead.temperature()).isEqualTo("warm");
    }
}
