package io.ponte.plugins.rulesagent;

import static io.ponte.plugins.rulesagent.Agents.ADDRESS;
import static io.ponte.plugins.rulesagent.Agents.KEY;
import static io.ponte.plugins.rulesagent.Agents.delivered;
import static io.ponte.plugins.rulesagent.Agents.inbound;
import static io.ponte.plugins.rulesagent.Agents.replies;
import static io.ponte.plugins.rulesagent.Agents.replyTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.PluginJson;
import io.ponte.api.message.Party;
import io.ponte.api.message.StatusUpdate;
import io.ponte.testkit.TestConnectorContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleRepliesTest {

    private static final String STORE = """
            {"rules":[
              {"pattern":"\\\\bpre(ç|c)o\\\\b","reply":"Preços em loja.example.com/precos"},
              {"pattern":"pedido\\\\s+(\\\\d+)","reply":"{{contact.name}}, o pedido {{group.1}} saiu para entrega."},
              {"pattern":"pedido","reply":"Qual o número do pedido?"},
              {"pattern":"olá","reply":"Oi!"},
              {"pattern":"meu nome é (?<nome>\\\\w+)","reply":"Prazer, {{group.nome}}! ({{message.text}})"}]}""";

    private final TestConnectorContext ctx = Agents.context(STORE);
    private final Connector agent = Agents.open(ctx);

    private String answer(String text) {
        ActionResult r = agent.invoke(replyTo(inbound("evt_" + text.hashCode(), text)));
        return delivered(r).output().path("reply").asText(null);
    }

    @Test
    void the_first_matching_rule_answers() {
        assertThat(answer("qual o preço do frete?")).isEqualTo("Preços em loja.example.com/precos");
        assertThat(answer("meu pedido 4242 chegou?")).isEqualTo("Ana, o pedido 4242 saiu para entrega.");
        assertThat(answer("e o pedido?")).isEqualTo("Qual o número do pedido?");
        assertThat(answer("o preço do pedido 7")).as("rules[0] comes before rules[1]")
                .isEqualTo("Preços em loja.example.com/precos");
    }

    @Test
    void patterns_ignore_case_in_every_script_and_decomposed_accents() {
        assertThat(answer("OLÁ")).isEqualTo("Oi!");
        assertThat(answer("PREÇO?")).isEqualTo("Preços em loja.example.com/precos");
        assertThat(answer("Ola\u0301, tudo bem?")).as("o + combining acute is the same olá").isEqualTo("Oi!");
    }

    @Test
    void named_groups_take_whole_accented_words_and_the_message_text_is_there_too() {
        assertThat(answer("Meu nome é João Silva")).isEqualTo("Prazer, João! (Meu nome é João Silva)");
    }

    @Test
    void the_reply_goes_to_the_conversation_caused_by_the_message_with_an_exactly_once_external_id() {
        Envelope cause = inbound("evt_01", "qual o preço?");
        ActionResult.Delivered r = delivered(agent.invoke(replyTo(cause)));

        assertThat(ctx.emitted()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(EnvelopeTypes.MESSAGE_OUTBOUND);
            assertThat(d.conversation()).isEqualTo(KEY);
            assertThat(d.causationId()).isEqualTo("evt_01");
            assertThat(d.correlationId()).isEqualTo("cor_evt_01");
            assertThat(d.externalId()).isEqualTo("reply:evt_01");
            assertThat(((ChatMessage) d.payload()).to()).isEqualTo(Party.of(ADDRESS));
            assertThat(Agents.text(d)).isEqualTo("Preços em loja.example.com/precos");
        });
        assertThat(r.externalRef()).isEqualTo("evt_TEST0");
        assertThat(r.output()).isEqualTo(PluginJson.mapper().createObjectNode()
                .put("reply", "Preços em loja.example.com/precos").put("source", "rules[0]"));
        assertThat(ctx.recordedMetrics()).containsExactly("agent.replies[via,rule]");
    }

    @Test
    void answering_the_same_message_twice_emits_the_same_external_id() {
        Envelope cause = inbound("evt_02", "olá");
        agent.invoke(replyTo(cause));
        ActionResult.Delivered again = delivered(agent.invoke(new ActionRequest(ActionNames.AGENT_REPLY,
                PluginJson.mapper().createObjectNode(), cause, "dlv_2", 2)));
        // the second emit carries the same externalId, so the hub (and the test emitter) drops it: one reply
        assertThat(ctx.emitted()).extracting(EnvelopeDraft::externalId).containsExactly("reply:evt_02");
        assertThat(replies(ctx)).containsExactly("Oi!");
        assertThat(again.externalRef()).isEqualTo("reply:evt_02");
        assertThat(again.output().path("reply").asText()).isEqualTo("Oi!");
    }

    @Test
    void a_retry_the_hub_drops_as_a_duplicate_still_counts_as_delivered() {
        TestConnectorContext hub = Agents.context(STORE);
        Connector a = Agents.open(hub);
        Envelope cause = inbound("evt_03", "olá");
        assertThat(delivered(a.invoke(replyTo(cause))).externalRef()).isEqualTo("evt_TEST0");
        ActionResult.Delivered again = delivered(a.invoke(replyTo(cause)));
        assertThat(again.externalRef()).isEqualTo("reply:evt_03");
        assertThat(again.output().path("reply").asText()).isEqualTo("Oi!");
    }

    @Test
    void a_store_that_fails_answers_retry() {
        ActionResult r = Agents.open(Agents.failingEmits(Agents.context(STORE))).invoke(replyTo(inbound("evt_04", "olá")));
        assertThat(r).isInstanceOfSatisfying(ActionResult.Retry.class,
                retry -> assertThat(retry.reason()).contains("database is down"));
    }

    @Test
    void no_match_and_no_default_reply_stays_silent() {
        ActionResult.Delivered r = delivered(agent.invoke(replyTo(inbound("evt_05", "bom dia"))));
        assertThat(r.externalRef()).isNull();
        assertThat(r.output().path("skipped").asText()).isEqualTo("no rule matched, and no defaultReply");
        assertThat(ctx.emitted()).isEmpty();
        assertThat(ctx.recordedMetrics()).containsExactly("agent.skipped[reason,no_match]");
    }

    @Test
    void the_default_reply_answers_what_no_rule_matches_and_content_that_is_not_text() {
        TestConnectorContext c = Agents.context("""
                {"rules":[{"pattern":".","reply":"texto"}],
                 "defaultReply":"Desculpe {{contact.name}}, não entendi \\"{{message.text}}\\"."}""");
        Connector a = Agents.open(c);
        Content photo = new Content.Media(Content.MediaType.IMAGE, null, "media-1", "image/jpeg", null, "preço?",
                null, null);
        ActionResult.Delivered r = delivered(a.invoke(replyTo(inbound("evt_06", photo, new Party(ADDRESS, "Ana")))));
        assertThat(r.output().path("source").asText()).isEqualTo("defaultReply");
        assertThat(replies(c)).containsExactly("Desculpe Ana, não entendi \"\".");
    }

    @Test
    void templates_render_missing_values_empty_and_do_not_escape_html() {
        TestConnectorContext c = Agents.context("""
                {"rules":[{"pattern":"(a)|(b)",
                  "reply":"[{{contact.name}}][{{group.2}}][{{nope.x}}] <R&D> {{tenant}} {{conversation.key}} \
                {{contact.address}}"}]}""");
        delivered(Agents.open(c).invoke(replyTo(inbound("evt_07", new Content.Text("a"),
                Party.of(ADDRESS)))));
        assertThat(replies(c)).containsExactly("[][][] <R&D> default " + KEY + " " + ADDRESS);
    }

    @Test
    void the_contact_name_falls_back_to_the_conversation() {
        ctx.conversations().open(KEY, "Ana Souza");
        delivered(agent.invoke(replyTo(inbound("evt_08", new Content.Text("pedido 9"), Party.of(ADDRESS)))));
        assertThat(replies(ctx)).containsExactly("Ana Souza, o pedido 9 saiu para entrega.");
    }

    @Test
    void a_reply_that_renders_empty_is_not_sent() {
        TestConnectorContext c = Agents.context("{\"rules\":[{\"pattern\":\"x\",\"reply\":\"{{contact.name}}\"}]}");
        ActionResult.Delivered r = delivered(Agents.open(c).invoke(replyTo(inbound("evt_09", new Content.Text("x"),
                Party.of(ADDRESS)))));
        assertThat(r.output().path("skipped").asText()).isEqualTo("rules[0] rendered an empty reply");
        assertThat(c.emitted()).isEmpty();
    }

    @Test
    void a_runaway_pattern_fails_the_message_naming_the_rule() {
        TestConnectorContext c = Agents.context("{\"rules\":[{\"pattern\":\"(.*?,){11}P\",\"reply\":\"x\"}]}");
        ActionResult r = Agents.open(c).invoke(replyTo(inbound("evt_10", "a,".repeat(40))));
        assertThat(r).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).startsWith("rules[0].pattern gave up on this message"));
        assertThat(c.emitted()).isEmpty();
    }

    @Test
    void a_cause_that_is_not_an_inbound_chat_message_fails() {
        Envelope status = new Envelope("evt_11", "default", EnvelopeTypes.MESSAGE_STATUS, "con_CHANNEL", null, KEY,
                Agents.AT, null, null, new StatusUpdate("wamid.1", StatusUpdate.Status.READ, ADDRESS, null, null),
                Map.of());
        Envelope generic = new Envelope("evt_12", "default", EnvelopeTypes.MESSAGE_INBOUND, "con_CHANNEL", null, KEY,
                Agents.AT, null, null, new GenericPayload(PluginJson.mapper().createObjectNode()), Map.of());
        Envelope noConversation = new Envelope("evt_13", "default", EnvelopeTypes.MESSAGE_INBOUND, "con_CHANNEL",
                null, null, Agents.AT, null, null, ChatMessage.inbound(Party.of(ADDRESS), new Content.Text("olá")),
                Map.of());
        for (Envelope cause : new Envelope[] {null, status, generic, noConversation}) {
            ActionResult r = agent.invoke(new ActionRequest(ActionNames.AGENT_REPLY,
                    PluginJson.mapper().createObjectNode(), cause, "dlv_x", 1));
            assertThat(r).isEqualTo(ActionResult.failed("agent.reply needs an inbound chat message as its cause"));
        }
        assertThat(ctx.emitted()).isEmpty();
    }
}
