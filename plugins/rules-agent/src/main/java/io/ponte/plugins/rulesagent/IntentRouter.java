package io.ponte.plugins.rulesagent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.api.message.MessageJson;
import io.ponte.api.message.Replies;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;

/**
 * Orchestration by rules: picks a specialist agent for each message and hands the message to it.
 *
 * <p>The first specialist whose pattern matches the text sets the conversation's intent; without a match the
 * intent remembered for the conversation ({@code intent:<conversation key>} in the connection's state) stays. A
 * new or changed intent is recorded as a {@code conversation.note} {@code {"intent":..,"specialist":..}}. The
 * specialist answers through its own {@code agent.reply} with the same cause, so its reply carries its own
 * exactly-once externalId; its outcome is this agent's outcome.
 */
final class IntentRouter {

    /** The action every agent offers. */
    static final String AGENT_REPLY = "agent.reply";

    private final RulesAgentConfig config;
    private final ConnectorContext context;

    IntentRouter(RulesAgentConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
    }

    /** The state key of a conversation's intent. */
    static String intentKey(String conversationKey) {
        return "intent:" + conversationKey;
    }

    /**
     * Routes a message, if a specialist is matched or remembered.
     *
     * @return the specialist's outcome, or empty when this agent should answer itself
     * @throws io.ponte.api.error.RetriableException when the hub did not store the intent note
     */
    Optional<ActionResult> route(Inbound in) {
        if (config.specialists().isEmpty()) {
            return Optional.empty();
        }
        KeyValueStore state = context.state();
        String key = intentKey(in.key());
        String remembered = state.get(key).orElse(null);
        Specialist chosen = matching(in.text());
        if (chosen == null && remembered != null) {
            chosen = config.specialist(remembered);
            if (chosen == null) {
                // the intent's specialist was removed from the config since: forget it
                state.delete(key);
                remembered = null;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        if (!chosen.intent().equals(remembered)) {
            ObjectNode note = MessageJson.mapper().createObjectNode()
                    .put("intent", chosen.intent())
                    .put("specialist", chosen.connection());
            if (remembered != null) {
                note.put("previousIntent", remembered);
            }
            context.emitter().emitAndWait(List.of(Replies.note(in.cause(), "intent", note)),
                    RulesAgentConnector.EMIT_WAIT);
            state.put(key, chosen.intent());
            context.metrics().increment("agent.intent.changes", "intent", chosen.intent());
        }
        context.metrics().increment("agent.routed", "intent", chosen.intent());
        return Optional.of(context.actions().invoke(chosen.connection(), AGENT_REPLY,
                MessageJson.mapper().createObjectNode(), in.cause()));
    }

    private Specialist matching(String text) {
        for (Specialist s : config.specialists()) {
            Optional<MatchResult> m = s.pattern().find(text);
            if (m.isPresent()) {
                return s;
            }
        }
        return null;
    }
}
