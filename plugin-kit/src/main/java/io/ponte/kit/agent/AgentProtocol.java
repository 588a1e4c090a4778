package io.ponte.kit.agent;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.kit.ActionTable;
import io.ponte.kit.Emissions;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Replies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code agent.reply} action, the same for every agent: reads the inbound chat message from the action's cause,
 * stays silent while a person handles the conversation ({@code HUMAN}) or it is {@code CLOSED}, asks the
 * {@link Agent} what to do, and carries the {@link Decision} out: exactly one reply per inbound message (keyed
 * {@code reply:<inbound id>}, stored with {@link Emissions#await} before the action answers), the hand-off as note,
 * reply and state {@code HUMAN} in that order, a delegation to another agent.
 *
 * <p>Outcomes: {@link ActionResult.Failed} for a cause that is no inbound chat message in a conversation;
 * {@link ActionResult.Delivered} with the reply envelope's id (or its key, when the hub already had it) and the
 * output, or with no reference when nothing was said; a {@link io.ponte.kit.ActionFailure} (a retry when the hub
 * did not store the envelopes, or the agent's own) for the {@link ActionTable} to return. Counts
 * {@code agent.replies{via}}, {@code agent.handoffs} and {@code agent.skipped{reason}}. Thread-safe when the agent
 * is.
 */
public final class AgentProtocol {

    /** How long to wait for the hub to store what an agent emits. */
    public static final Duration EMIT_WAIT = Duration.ofSeconds(10);

    /** Replies sent, by what produced them ({@code via}). */
    public static final String REPLIES = "agent.replies";
    /** Conversations handed to a person. */
    public static final String HANDOFFS = "agent.handoffs";
    /** Messages left unanswered, by {@code reason}. */
    public static final String SKIPPED = "agent.skipped";

    private static final Logger LOG = LoggerFactory.getLogger(AgentProtocol.class);

    private final ConnectorContext context;
    private final Agent agent;

    /**
     * @param context the agent connection's context
     * @param agent   what the agent says
     */
    public AgentProtocol(ConnectorContext context, Agent agent) {
        this.context = Objects.requireNonNull(context, "context");
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    /** The actions of an agent connector: {@code agent.reply}, run by {@link #reply}. */
    public ActionTable actions() {
        return ActionTable.builder().on(ActionNames.AGENT_REPLY, this::reply).build();
    }

    /**
     * Answers the inbound message that caused the action.
     *
     * @param request an {@code agent.reply} invocation
     * @return the outcome; never null
     * @throws io.ponte.kit.ActionFailure when the hub did not store what the turn emits, or the agent's own
     */
    public ActionResult reply(ActionRequest request) {
        if (!Turn.answerable(request.cause())) {
            return ActionResult.failed(ActionNames.AGENT_REPLY + " needs an inbound chat message as its cause");
        }
        Optional<ConversationInfo> info = context.conversations().get(request.cause().conversation());
        ConversationState state = info.map(ConversationInfo::state).orElse(ConversationState.OPEN);
        if (state == ConversationState.HUMAN || state == ConversationState.CLOSED) {
            return skipped(new Turn(context, request.cause(), null), new Decision.Skip("the conversation is "
                    + state.wire() + ": the agent stays silent", state.wire()));
        }
        Turn turn = new Turn(context, request.cause(), info.map(ConversationInfo::contactName).orElse(null));
        Decision decision = Objects.requireNonNull(agent.decide(turn), "the agent decided nothing");
        return switch (decision) {
            case Decision.Reply r -> replied(turn, r);
            case Decision.Handoff h -> handedOff(turn, h);
            case Decision.Skip s -> skipped(turn, s);
            case Decision.Delegate d -> delegated(turn, d);
        };
    }

    private ActionResult replied(Turn turn, Decision.Reply reply) {
        List<EnvelopeDraft> drafts = new ArrayList<>();
        drafts.add(Replies.reply(turn.inbound(), new Content.Text(reply.text())));
        drafts.addAll(turn.notes());
        List<String> ids = Emissions.await(context.emitter(), drafts, EMIT_WAIT);
        context.metrics().increment(REPLIES, "via", reply.via());
        return new ActionResult.Delivered(reference(ids.get(0), turn), turn.output().put("reply", reply.text()));
    }

    private ActionResult handedOff(Turn turn, Decision.Handoff handoff) {
        List<EnvelopeDraft> drafts = new ArrayList<>();
        drafts.add(Replies.note(turn.inbound(), "handoff", PluginJson.mapper().createObjectNode()
                .put("handoff", "human").put("reason", handoff.reason())));
        if (handoff.reply() != null) {
            drafts.add(Replies.reply(turn.inbound(), new Content.Text(handoff.reply())));
        }
        drafts.addAll(turn.notes());
        List<String> ids = Emissions.await(context.emitter(), drafts, EMIT_WAIT);
        // only now that note and reply are stored: a retry must still find the conversation with the agent
        if (!context.conversations().setState(turn.conversation(), ConversationState.HUMAN)) {
            LOG.debug("conversation {} is unknown to the hub; no state to set", turn.conversation());
        }
        context.metrics().increment(HANDOFFS);
        turn.output().put("handoff", "human");
        if (handoff.reply() == null) {
            return new ActionResult.Delivered(null, turn.output());
        }
        context.metrics().increment(REPLIES, "via", "handoff");
        return new ActionResult.Delivered(reference(ids.get(1), turn), turn.output().put("reply", handoff.reply()));
    }

    private ActionResult skipped(Turn turn, Decision.Skip skip) {
        turn.emit(turn.notes());
        context.metrics().increment(SKIPPED, "reason", skip.reason());
        return new ActionResult.Delivered(null, turn.output().put("skipped", skip.why()));
    }

    private ActionResult delegated(Turn turn, Decision.Delegate delegate) {
        turn.emit(turn.notes());
        return context.actions().invoke(delegate.connection(), ActionNames.AGENT_REPLY,
                PluginJson.mapper().createObjectNode(), turn.inbound());
    }

    /** The emitted reply's id, or its key when the hub already had it (a retry's). */
    private static String reference(String id, Turn turn) {
        return id != null ? id : Replies.replyKey(turn.inbound());
    }
}
