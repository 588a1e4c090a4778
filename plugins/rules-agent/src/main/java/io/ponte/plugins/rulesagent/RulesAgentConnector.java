package io.ponte.plugins.rulesagent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.conversation.Conversations;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.error.RetriableException;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.MessageJson;
import io.ponte.api.message.Replies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rules agent. {@code agent.reply} answers an inbound chat message, in this order of precedence:
 * <ol>
 *   <li>a conversation handled by a person ({@code human}) or {@code closed}: silence;</li>
 *   <li>{@code handoff.pattern} matches: the conversation goes to {@code human}, with a note and the hand-off
 *       reply;</li>
 *   <li>a specialist matches or is remembered: the message goes to that agent ({@link IntentRouter});</li>
 *   <li>the contact's first message and a {@code greeting}: the greeting (plus the matching rule's reply with
 *       {@code greetingThenRules});</li>
 *   <li>the first rule whose pattern matches; else {@code defaultReply}; else silence.</li>
 * </ol>
 * Holds no mutable state; thread-safe.
 */
public final class RulesAgentConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(RulesAgentConnector.class);

    /** How much history to read to tell whether a message is the contact's first. */
    static final int HISTORY_LIMIT = 50;

    /** How long to wait for the hub to store what the agent emitted. */
    static final Duration EMIT_WAIT = Duration.ofSeconds(10);

    private final RulesAgentConfig config;
    private final ConnectorContext context;
    private final IntentRouter router;

    /**
     * Opens an agent connection.
     *
     * @param config  the validated config
     * @param context the connection's context
     */
    public RulesAgentConnector(RulesAgentConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
        this.router = new IntentRouter(config, context);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        if (!IntentRouter.AGENT_REPLY.equals(request.action())) {
            return ActionResult.failed("the rules-agent connector offers no action " + request.action()
                    + "; it offers " + IntentRouter.AGENT_REPLY);
        }
        Optional<Inbound> read = Inbound.of(request.cause());
        if (read.isEmpty()) {
            return ActionResult.failed(IntentRouter.AGENT_REPLY + " needs an inbound chat message as its cause");
        }
        Conversations conversations = context.conversations();
        Inbound in = read.get();
        Optional<ConversationInfo> info = conversations.get(in.key());
        if (info.isPresent()) {
            ConversationState state = info.get().state();
            if (state == ConversationState.human || state == ConversationState.closed) {
                return skipped("the conversation is " + state + ": the agent stays silent", state.name());
            }
            in = in.withFallbackName(info.get().contactName());
        }
        try {
            return answer(in);
        } catch (RulePattern.GaveUp | ReplyTemplate.RenderFailed e) {
            LOG.warn("agent.reply for {} failed: {}", in.id(), e.getMessage());
            return ActionResult.failed(e.getMessage());
        } catch (RetriableException e) {
            // the hub did not store the reply or note: the retry carries the same externalIds, so it is safe
            return ActionResult.retry(e.getMessage());
        }
    }

    private ActionResult answer(Inbound in) {
        Handoff handoff = config.handoff();
        if (handoff != null) {
            Optional<MatchResult> m = handoff.pattern().find(in.text());
            if (m.isPresent()) {
                return handOff(in, handoff, m.get());
            }
        }
        Optional<ActionResult> routed = router.route(in);
        if (routed.isPresent()) {
            return routed.get();
        }
        return reply(in);
    }

    private ActionResult reply(Inbound in) {
        if (config.greeting() != null && isFirstMessage(in)) {
            String greeting = render(config.greeting(), in, null);
            Optional<Matched> rule = config.greetingThenRules() ? firstRule(in) : Optional.empty();
            if (rule.isPresent()) {
                String ruleReply = render(rule.get().rule().reply(), in, rule.get().match());
                String text = greeting.isEmpty() ? ruleReply : ruleReply.isEmpty() ? greeting
                        : greeting + "\n\n" + ruleReply;
                return send(in, text, "greeting+" + rule.get().rule().name(), "greeting");
            }
            return send(in, greeting, "greeting", "greeting");
        }
        Optional<Matched> rule = firstRule(in);
        if (rule.isPresent()) {
            return send(in, render(rule.get().rule().reply(), in, rule.get().match()), rule.get().rule().name(),
                    "rule");
        }
        if (config.defaultReply() != null) {
            return send(in, render(config.defaultReply(), in, null), "defaultReply", "defaultReply");
        }
        return skipped(in.text() == null ? "not a text message, and no defaultReply" : "no rule matched, and no "
                + "defaultReply", "no_match");
    }

    private ActionResult handOff(Inbound in, Handoff handoff, MatchResult match) {
        ObjectNode data = MessageJson.mapper().createObjectNode().put("handoff", "human")
                .put("reason", "the message matched handoff.pattern");
        List<EnvelopeDraft> drafts = new ArrayList<>();
        drafts.add(Replies.note(in.cause(), "handoff", data));
        String text = handoff.reply() == null ? "" : render(handoff.reply(), in, match);
        if (!text.isEmpty()) {
            drafts.add(Replies.reply(in.cause(), new Content.Text(text)));
        }
        List<String> ids = context.emitter().emitAndWait(drafts, EMIT_WAIT);
        // only after the note and the reply are stored: a retry must still find the conversation open and resend
        if (!context.conversations().setState(in.key(), ConversationState.human)) {
            LOG.debug("conversation {} is unknown to the hub; no state to set", in.key());
        }
        context.metrics().increment("agent.handoffs");
        ObjectNode output = MessageJson.mapper().createObjectNode().put("handoff", "human");
        if (text.isEmpty()) {
            return new ActionResult.Delivered(null, output);
        }
        context.metrics().increment("agent.replies", "via", "handoff");
        output.put("reply", text).put("source", "handoff");
        return new ActionResult.Delivered(ref(ids.get(1), in), output);
    }

    private ActionResult send(Inbound in, String text, String source, String via) {
        if (text.isEmpty()) {
            return skipped(source + " rendered an empty reply", "empty");
        }
        List<String> ids = context.emitter().emitAndWait(List.of(Replies.reply(in.cause(), new Content.Text(text))),
                EMIT_WAIT);
        context.metrics().increment("agent.replies", "via", via);
        return new ActionResult.Delivered(ref(ids.get(0), in),
                MessageJson.mapper().createObjectNode().put("reply", text).put("source", source));
    }

    /** The emitted envelope's id, or the reply's externalId when the hub already had it (a retry). */
    private static String ref(String id, Inbound in) {
        return id != null ? id : Replies.replyKey(in.cause());
    }

    private ActionResult skipped(String why, String reason) {
        context.metrics().increment("agent.skipped", "reason", reason);
        return new ActionResult.Delivered(null, MessageJson.mapper().createObjectNode().put("skipped", why));
    }

    private Optional<Matched> firstRule(Inbound in) {
        if (in.text() == null) {
            return Optional.empty();
        }
        for (Rule rule : config.rules()) {
            Optional<MatchResult> m = rule.pattern().find(in.text());
            if (m.isPresent()) {
                return Optional.of(new Matched(rule, m.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the contact wrote nothing before this message: no inbound entry precedes it in the conversation's
     * history. The message's own entry (when the hub has stored it) and our replies to it do not count, so a
     * retry decides the same way as the first attempt.
     */
    private boolean isFirstMessage(Inbound in) {
        List<HistoryEntry> history = context.conversations().history(in.key(), HISTORY_LIMIT);
        int end = history.size();
        for (int i = 0; i < history.size(); i++) {
            HistoryEntry e = history.get(i);
            if (e.direction() == HistoryEntry.Direction.inbound && e.eventId().equals(in.id())) {
                end = i;
                break;
            }
        }
        for (int i = 0; i < end; i++) {
            HistoryEntry e = history.get(i);
            if (e.direction() == HistoryEntry.Direction.inbound && !e.eventId().equals(in.id())) {
                return false;
            }
        }
        return true;
    }

    private String render(ReplyTemplate template, Inbound in, MatchResult match) {
        String tenant = in.cause().tenant() != null ? in.cause().tenant() : context.tenant();
        return template.render(TemplateVariables.of(in, tenant, match));
    }

    @Override
    public Health health() {
        return Health.up(config.rules().size() + " rules" + (config.specialists().isEmpty() ? ""
                : ", " + config.specialists().size() + " specialists") + "; no provider to check");
    }

    @Override
    public String toString() {
        return "RulesAgentConnector[" + context.connectionId() + ", " + config + "]";
    }

    private record Matched(Rule rule, MatchResult match) {
    }
}
