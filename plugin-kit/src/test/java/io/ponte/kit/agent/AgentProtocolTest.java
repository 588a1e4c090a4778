package io.ponte.kit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.kit.PluginJson;
import io.ponte.testkit.TestConnectorContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every agent gets from the protocol, whatever it decides. */
class AgentProtocolTest {

    private static final ConversationKey KEY = new ConversationKey("con_CHAT", "5511999990001");

    /** An agent type with no config, for a test context. */
    static final class AnyAgent implements ConnectorFactory {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("any-agent", Category.AGENT, "x", "x", ConfigSpec.of(), List.of(),
                    List.of(new ActionSpec(ActionNames.AGENT_REPLY, "x", null)));
        }

        @Override
        public Connector open(ConnectorContext context) {
            throw new UnsupportedOperationException("the protocol is tested without a connector");
        }
    }

    private final TestConnectorContext context = TestConnectorContext.of(new AnyAgent(), "{}");

    private static Envelope inbound(String id, String text) {
        return new Envelope(id, "default", EnvelopeTypes.MESSAGE_INBOUND, KEY.connectionId(), "w." + id, KEY,
                Instant.parse("2026-01-01T10:00:00Z"), "cor_" + id, null,
                ChatMessage.inbound(new Party(KEY.address(), "Ana"), new Content.Text(text)), Map.of());
    }

    private ActionResult reply(Agent agent, Envelope cause) {
        return new AgentProtocol(context, agent).actions().invoke(new ActionRequest(ActionNames.AGENT_REPLY,
                PluginJson.mapper().createObjectNode(), cause, "dlv_" + cause.id(), 1));
    }

    @Test
    void replies_once_per_inbound_message_with_the_kept_notes_after_the_reply() {
        Agent agent = turn -> {
            turn.note("usage", PluginJson.mapper().createObjectNode().put("tokens", 3));
            return new Decision.Reply("Olá, " + turn.contactName() + "!", "rule");
        };
        Envelope cause = inbound("evt_1", "oi");

        ActionResult first = reply(agent, cause);
        ActionResult retried = reply(agent, cause);

        assertThat(context.emitted()).extracting(EnvelopeDraft::externalId).containsExactly("reply:evt_1",
                "usage:evt_1");
        assertThat(first).isEqualTo(new ActionResult.Delivered("evt_TEST0", PluginJson.mapper().createObjectNode()
                .put("reply", "Olá, Ana!")));
        assertThat(((ActionResult.Delivered) retried).externalRef()).as("the hub already had it")
                .isEqualTo("reply:evt_1");
        assertThat(context.recordedMetrics()).containsExactly("agent.replies[via,rule]", "agent.replies[via,rule]");
    }

    @Test
    void stays_silent_while_a_person_handles_the_conversation_without_asking_the_agent() {
        context.conversations().put(new ConversationInfo(KEY, "Ana", ConversationState.HUMAN, 3));

        ActionResult r = reply(turn -> {
            throw new AssertionError("the agent was asked");
        }, inbound("evt_1", "oi"));

        assertThat(r).isEqualTo(new ActionResult.Delivered(null, PluginJson.mapper().createObjectNode()
                .put("skipped", "the conversation is human: the agent stays silent")));
        assertThat(context.emitted()).isEmpty();
        assertThat(context.recordedMetrics()).containsExactly("agent.skipped[reason,human]");
    }

    @Test
    void hands_over_with_the_note_first_then_the_reply_then_the_state() {
        context.conversations().open(KEY, "Ana");

        ActionResult r = reply(turn -> new Decision.Handoff("asked for a person", "Chamando alguém."),
                inbound("evt_1", "humano"));

        assertThat(context.emitted()).extracting(EnvelopeDraft::externalId).containsExactly("handoff:evt_1",
                "reply:evt_1");
        assertThat(context.conversations().get(KEY)).map(ConversationInfo::state).contains(ConversationState.HUMAN);
        assertThat(r).isEqualTo(new ActionResult.Delivered("evt_TEST1", PluginJson.mapper().createObjectNode()
                .put("handoff", "human").put("reply", "Chamando alguém.")));
        assertThat(context.recordedMetrics()).containsExactly("agent.handoffs[]", "agent.replies[via,handoff]");
    }

    @Test
    void delegates_the_same_cause_to_another_agent_once_the_kept_notes_are_stored() {
        Envelope cause = inbound("evt_1", "quero comprar");
        context.actions().register("con_SALES", new ActionSpec(ActionNames.AGENT_REPLY, "x", null), (input, c) ->
                ActionResult.delivered("notes stored first: " + context.emitted().size()));

        ActionResult r = reply(turn -> {
            turn.note("intent", PluginJson.mapper().createObjectNode().put("intent", "sales"));
            return new Decision.Delegate("con_SALES");
        }, cause);

        assertThat(r).isEqualTo(ActionResult.delivered("notes stored first: 1"));
        assertThat(context.actions().calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo(ActionNames.AGENT_REPLY);
            assertThat(call.cause()).isSameAs(cause);
        });
    }
}
