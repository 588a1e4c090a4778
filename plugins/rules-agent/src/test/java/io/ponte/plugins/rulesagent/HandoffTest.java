package io.ponte.plugins.rulesagent;

import static io.ponte.plugins.rulesagent.Agents.KEY;
import static io.ponte.plugins.rulesagent.Agents.delivered;
import static io.ponte.plugins.rulesagent.Agents.inbound;
import static io.ponte.plugins.rulesagent.Agents.notes;
import static io.ponte.plugins.rulesagent.Agents.replies;
import static io.ponte.plugins.rulesagent.Agents.replyTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.PluginJson;
import io.ponte.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandoffTest {

    private static final String CONFIG = """
            {"rules":[{"pattern":"atendimento","reply":"Nosso atendimento é das 9h às 18h."}],
             "defaultReply":"Não entendi.",
             "handoff":{"pattern":"(falar com )?(um )?(?<quem>atendente|humano|pessoa)",
                        "reply":"Certo {{contact.name}}, vou chamar um(a) {{group.quem}}."}}""";

    private final TestConnectorContext ctx = Agents.context(CONFIG);
    private final Connector agent = Agents.open(ctx);

    @Test
    void hands_the_conversation_to_a_person_with_a_note_and_one_last_reply() {
        ctx.conversations().open(KEY, "Ana");
        ActionResult.Delivered r = delivered(agent.invoke(replyTo(inbound("evt_1",
                "quero falar com um ATENDENTE sobre o atendimento"))));

        assertThat(ctx.conversations().get(KEY)).map(ConversationInfo::state).contains(ConversationState.HUMAN);
        assertThat(replies(ctx)).containsExactly("Certo Ana, vou chamar um(a) ATENDENTE.");
        EnvelopeDraft note = notes(ctx).getFirst();
        assertThat(note.conversation()).isEqualTo(KEY);
        assertThat(note.causationId()).isEqualTo("evt_1");
        assertThat(note.externalId()).isEqualTo("handoff:evt_1");
        assertThat(((GenericPayload) note.payload()).data()).isEqualTo(PluginJson.mapper().createObjectNode()
                .put("handoff", "human").put("reason", "the message matched handoff.pattern"));
        assertThat(ctx.emitted().get(1).externalId()).isEqualTo("reply:evt_1");
        assertThat(r.externalRef()).isEqualTo("evt_TEST1");
        assertThat(r.output().path("handoff").asText()).isEqualTo("human");
        assertThat(ctx.recordedMetrics()).containsExactly("agent.handoffs[]", "agent.replies[via,handoff]");
    }

    @Test
    void after_the_hand_off_the_agent_stays_silent() {
        ctx.conversations().open(KEY, "Ana");
        agent.invoke(replyTo(inbound("evt_1", "humano por favor")));
        ActionResult.Delivered later = delivered(agent.invoke(replyTo(inbound("evt_2", "horário de atendimento?"))));
        ActionResult.Delivered again = delivered(agent.invoke(replyTo(inbound("evt_3", "humano!!"))));

        assertThat(later.output().path("skipped").asText()).isEqualTo("the conversation is human: the agent stays "
                + "silent");
        assertThat(again.externalRef()).isNull();
        assertThat(replies(ctx)).hasSize(1);
        assertThat(notes(ctx)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = ConversationState.class, names = {"HUMAN", "CLOSED"})
    void a_conversation_a_person_handles_or_that_is_closed_gets_no_answer(ConversationState state) {
        ctx.conversations().put(new ConversationInfo(KEY, "Ana", state, 4));
        ActionResult.Delivered r = delivered(agent.invoke(replyTo(inbound("evt_1", "atendimento?"))));
        assertThat(r.output().path("skipped").asText()).isEqualTo("the conversation is " + state.wire()
                + ": the agent stays silent");
        assertThat(ctx.emitted()).isEmpty();
        assertThat(ctx.recordedMetrics()).containsExactly("agent.skipped[reason," + state.wire() + "]");
    }

    @Test
    void a_bot_conversation_is_answered() {
        ctx.conversations().put(new ConversationInfo(KEY, "Ana", ConversationState.BOT, 4));
        delivered(agent.invoke(replyTo(inbound("evt_1", "atendimento?"))));
        assertThat(replies(ctx)).containsExactly("Nosso atendimento é das 9h às 18h.");
    }

    @Test
    void a_hand_off_without_a_reply_only_records_the_note() {
        TestConnectorContext c = Agents.context("{\"rules\":[],\"handoff\":{\"pattern\":\"humano\"}}");
        c.conversations().open(KEY, "Ana");
        ActionResult.Delivered r = delivered(Agents.open(c).invoke(replyTo(inbound("evt_1", "humano"))));
        assertThat(r.externalRef()).isNull();
        assertThat(r.output()).isEqualTo(PluginJson.mapper().createObjectNode().put("handoff", "human"));
        assertThat(c.emitted()).extracting(EnvelopeDraft::externalId).containsExactly("handoff:evt_1");
        assertThat(c.conversations().get(KEY)).map(ConversationInfo::state).contains(ConversationState.HUMAN);
    }

    @Test
    void a_hand_off_that_could_not_be_stored_keeps_the_conversation_with_the_agent_for_the_retry() {
        ctx.conversations().open(KEY, "Ana");
        assertThat(Agents.open(Agents.failingEmits(ctx)).invoke(replyTo(inbound("evt_1", "humano")))).isInstanceOf(ActionResult.Retry.class);
        assertThat(ctx.conversations().get(KEY)).map(ConversationInfo::state).contains(ConversationState.OPEN);
    }
}
