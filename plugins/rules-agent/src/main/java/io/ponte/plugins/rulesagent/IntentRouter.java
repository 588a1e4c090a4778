package io.ponte.plugins.rulesagent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.api.message.ConversationKey;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Replies;
import io.ponte.kit.agent.Decision;
import io.ponte.kit.agent.Turn;
import java.util.List;
import java.util.Optional;

/**
 * Orchestration by rules: picks a specialist agent for each message and hands the message to it.
 *
 * <p>The first specialist whose pattern matches the text sets the conversation's intent; without a match the
 * intent remembered for the conversation ({@code intent:<conversation key>} in the connection's state) stays. A
 * new or changed intent is recorded as a {@code conversation.note} {@code {"intent":..,"specialist":..}}, stored
 * before the intent is remembered, so a retry after a failed emit notes it again. The specialist answers through
 * its own {@code agent.reply} with the same cause ({@link Decision.Delegate}).
 */
final class IntentRouter {

    private final RulesAgentConfig config;
    private final ConnectorContext context;

    IntentRouter(RulesAgentConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
    }

    /** The state key of a conversation's intent. */
    static String intentKey(ConversationKey conversation) {
        return "intent:" + conversation;
    }

    /**
     * Routes a message, if a specialist is matched or remembered.
     *
     * @param text the message's text as the rules see it, or null
     * @return the delegation, or empty when this agent should answer itself
     * @throws io.ponte.kit.ActionFailure a retry when the hub did not store the intent note
     */
    Optional<Decision> route(Turn turn, String text) {
        if (config.specialists().isEmpty()) {
            return Optional.empty();
        }
        KeyValueStore state = context.state();
        String key = intentKey(turn.conversation());
        String remembered = state.get(key).orElse(null);
        Specialist chosen = matching(text);
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
            ObjectNode note = PluginJson.mapper().createObjectNode()
                    .put("intent", chosen.intent())
                    .put("specialist", chosen.connection());
            if (remembered != null) {
                note.put("previousIntent", remembered);
            }
            turn.emit(List.of(Replies.note(turn.inbound(), "intent", note)));
            state.put(key, chosen.intent());
            context.metrics().increment("agent.intent.changes", "intent", chosen.intent());
        }
        context.metrics().increment("agent.routed", "intent", chosen.intent());
        return Optional.of(new Decision.Delegate(chosen.connection()));
    }

    private Specialist matching(String text) {
        for (Specialist s : config.specialists()) {
            if (s.pattern().find(text).isPresent()) {
                return s;
            }
        }
        return null;
    }
}
