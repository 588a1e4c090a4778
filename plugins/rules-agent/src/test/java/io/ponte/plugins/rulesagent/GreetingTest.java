package io.ponte.plugins.rulesagent;

import static io.ponte.plugins.rulesagent.Agents.AT;
import static io.ponte.plugins.rulesagent.Agents.KEY;
import static io.ponte.plugins.rulesagent.Agents.delivered;
import static io.ponte.plugins.rulesagent.Agents.inbound;
import static io.ponte.plugins.rulesagent.Agents.replies;
import static io.ponte.plugins.rulesagent.Agents.replyTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.conversation.HistoryEntry.Direction;
import io.ponte.api.message.Envelope;
import io.ponte.testkit.TestConnectorContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GreetingTest {

    private static final String RULES = """
            "rules":[{"pattern":"pre(ç|c)o","reply":"Preços em loja.example.com/precos"}],
            "greeting":"Olá {{contact.name}}, bem-vinda à Loja!\"""";

    private static TestConnectorContext context(String extra) {
        return Agents.context("{" + RULES + extra + "}");
    }

    /** Stores an inbound message in the conversation's history, as the hub's ingress does, and returns it. */
    private static Envelope stored(TestConnectorContext ctx, String text) {
        String eventId = ctx.conversations().addText(KEY, Direction.INBOUND, text, AT).eventId();
        return inbound(eventId, text);
    }

    @Test
    void greets_the_first_message_only() {
        TestConnectorContext ctx = context("");
        Connector agent = Agents.open(ctx);
        Envelope first = stored(ctx, "oi");
        assertThat(delivered(agent.invoke(replyTo(first))).output().path("source").asText()).isEqualTo("greeting");
        ctx.conversations().addText(KEY, Direction.OUTBOUND, "Olá Ana, bem-vinda à Loja!", AT.plusSeconds(1));

        Envelope second = stored(ctx, "qual o preço?");
        delivered(agent.invoke(replyTo(second)));
        Envelope third = stored(ctx, "oi de novo");
        delivered(agent.invoke(replyTo(third)));

        assertThat(replies(ctx)).containsExactly("Olá Ana, bem-vinda à Loja!", "Preços em loja.example.com/precos");
    }

    @Test
    void greets_when_the_hub_has_no_history_yet() {
        TestConnectorContext ctx = context("");
        delivered(Agents.open(ctx).invoke(replyTo(inbound("evt_1", "oi"))));
        assertThat(replies(ctx)).containsExactly("Olá Ana, bem-vinda à Loja!");
    }

    @Test
    void a_message_we_sent_first_does_not_stop_the_greeting() {
        TestConnectorContext ctx = context("");
        ctx.conversations().addText(KEY, Direction.OUTBOUND, "Seu pedido saiu para entrega", AT);
        delivered(Agents.open(ctx).invoke(replyTo(stored(ctx, "obrigada"))));
        assertThat(replies(ctx)).containsExactly("Olá Ana, bem-vinda à Loja!");
    }

    @Test
    void the_greeting_wins_over_a_matching_rule_on_the_first_message() {
        TestConnectorContext ctx = context("");
        delivered(Agents.open(ctx).invoke(replyTo(stored(ctx, "qual o preço?"))));
        assertThat(replies(ctx)).containsExactly("Olá Ana, bem-vinda à Loja!");
    }

    @Test
    void greeting_then_rules_sends_both_in_one_reply() {
        TestConnectorContext ctx = context(",\"greetingThenRules\":true");
        Connector agent = Agents.open(ctx);
        assertThat(delivered(agent.invoke(replyTo(stored(ctx, "qual o preço?")))).output().path("source").asText())
                .isEqualTo("greeting+rules[0]");
        assertThat(replies(ctx)).containsExactly("Olá Ana, bem-vinda à Loja!\n\nPreços em loja.example.com/precos");
    }

    @Test
    void greeting_then_rules_without_a_matching_rule_sends_the_greeting_alone() {
        TestConnectorContext ctx = context(",\"greetingThenRules\":true,\"defaultReply\":\"Não entendi.\"");
        delivered(Agents.open(ctx).invoke(replyTo(stored(ctx, "oi"))));
        assertThat(replies(ctx)).containsExactly("Olá Ana, bem-vinda à Loja!");
    }

    @Test
    void a_retry_of_the_first_message_after_the_reply_was_stored_greets_again_with_the_same_external_id() {
        TestConnectorContext ctx = context("");
        Connector agent = Agents.open(ctx);
        Envelope first = stored(ctx, "oi");
        agent.invoke(replyTo(first));
        // the hub stored our reply (caused by the same event) before the first attempt's outcome was lost
        ctx.conversations().addText(KEY, Direction.OUTBOUND, "Olá Ana, bem-vinda à Loja!",
                AT.plus(Duration.ofSeconds(1)));
        ActionResult.Delivered retry = delivered(agent.invoke(replyTo(first)));

        // the retry greets again under the same externalId, so the hub keeps the one greeting it has
        assertThat(retry.output().path("reply").asText()).isEqualTo("Olá Ana, bem-vinda à Loja!");
        assertThat(retry.externalRef()).isEqualTo("reply:" + first.id());
        assertThat(replies(ctx)).containsExactly("Olá Ana, bem-vinda à Loja!");
        assertThat(ctx.emitted()).allSatisfy(d -> assertThat(d.externalId()).isEqualTo("reply:" + first.id()));
    }
}
