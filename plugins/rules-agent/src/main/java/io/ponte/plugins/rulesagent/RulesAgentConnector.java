package io.ponte.plugins.rulesagent;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.ActionTable;
import io.ponte.kit.agent.Agent;
import io.ponte.kit.agent.AgentProtocol;
import io.ponte.kit.agent.Decision;
import io.ponte.kit.agent.Turn;
import java.util.Optional;
import java.util.regex.MatchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rules agent. {@code agent.reply} runs the kit's {@link AgentProtocol} (silence in a conversation a person
 * handles or that is closed, exactly one reply); the agent decides, in this order of precedence:
 * <ol>
 *   <li>{@code handoff.pattern} matches: hand the conversation to a person, with the hand-off reply;</li>
 *   <li>a specialist matches or is remembered: delegate to that agent ({@link IntentRouter});</li>
 *   <li>the contact's first message and a {@code greeting}: the greeting (plus the matching rule's reply with
 *       {@code greetingThenRules});</li>
 *   <li>the first rule whose pattern matches; else {@code defaultReply}; else silence.</li>
 * </ol>
 * Holds no mutable state; thread-safe.
 */
public final class RulesAgentConnector implements Connector, Agent {

    private static final Logger LOG = LoggerFactory.getLogger(RulesAgentConnector.class);

    /** How much history to read to tell whether a message is the contact's first. */
    static final int HISTORY_LIMIT = 50;

    private final RulesAgentConfig config;
    private final ConnectorContext context;
    private final IntentRouter router;
    private final ActionTable actions;

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
        this.actions = new AgentProtocol(context, this).actions();
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    /**
     * What the rules say to a message.
     *
     * @throws ActionFailure failed when a pattern gave up on the message or a template could not render
     */
    @Override
    public Decision decide(Turn turn) {
        String text = turn.text() == null ? null : RulePattern.nfc(turn.text());
        try {
            return decide(turn, text);
        } catch (RulePattern.GaveUp | ReplyTemplate.RenderFailed e) {
            LOG.warn("agent.reply for {} failed: {}", turn.inbound().id(), e.getMessage());
            throw ActionFailure.failed(e.getMessage());
        }
    }

    private Decision decide(Turn turn, String text) {
        Handoff handoff = config.handoff();
        if (handoff != null) {
            Optional<MatchResult> m = handoff.pattern().find(text);
            if (m.isPresent()) {
                String reply = handoff.reply() == null ? null : render(handoff.reply(), turn, text, m.get());
                if (reply != null && !reply.isEmpty()) {
                    turn.output().put("source", "handoff");
                }
                return new Decision.Handoff("the message matched handoff.pattern", reply);
            }
        }
        Optional<Decision> routed = router.route(turn, text);
        return routed.isPresent() ? routed.get() : reply(turn, text);
    }

    private Decision reply(Turn turn, String text) {
        if (config.greeting() != null && isFirstMessage(turn)) {
            String greeting = render(config.greeting(), turn, text, null);
            Optional<Matched> rule = config.greetingThenRules() ? firstRule(text) : Optional.empty();
            if (rule.isPresent()) {
                String ruleReply = render(rule.get().rule().reply(), turn, text, rule.get().match());
                String both = greeting.isEmpty() ? ruleReply : ruleReply.isEmpty() ? greeting
                        : greeting + "\n\n" + ruleReply;
                return say(turn, both, "greeting+" + rule.get().rule().name(), "greeting");
            }
            return say(turn, greeting, "greeting", "greeting");
        }
        Optional<Matched> rule = firstRule(text);
        if (rule.isPresent()) {
            return say(turn, render(rule.get().rule().reply(), turn, text, rule.get().match()),
                    rule.get().rule().name(), "rule");
        }
        if (config.defaultReply() != null) {
            return say(turn, render(config.defaultReply(), turn, text, null), "defaultReply", "defaultReply");
        }
        return new Decision.Skip(text == null ? "not a text message, and no defaultReply"
                : "no rule matched, and no defaultReply", "no_match");
    }

    private static Decision say(Turn turn, String text, String source, String via) {
        if (text.isEmpty()) {
            return new Decision.Skip(source + " rendered an empty reply", "empty");
        }
        turn.output().put("source", source);
        return new Decision.Reply(text, via);
    }

    private Optional<Matched> firstRule(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Rule rule : config.rules()) {
            Optional<MatchResult> m = rule.pattern().find(text);
            if (m.isPresent()) {
                return Optional.of(new Matched(rule, m.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the contact wrote nothing before this message: no inbound entry precedes it in the conversation's
     * history. Our own messages do not count, and neither do this message's entry and our reply to it, so a retry
     * decides the same way as the first attempt.
     */
    private static boolean isFirstMessage(Turn turn) {
        return turn.historyBefore(HISTORY_LIMIT).stream()
                .noneMatch(e -> e.direction() == HistoryEntry.Direction.INBOUND);
    }

    private static String render(ReplyTemplate template, Turn turn, String text, MatchResult match) {
        return template.render(TemplateVariables.of(turn, text, match));
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
