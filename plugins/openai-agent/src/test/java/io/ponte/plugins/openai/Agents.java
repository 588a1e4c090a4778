package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.PluginJson;
import io.ponte.api.message.Party;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.testkit.TestConnectorContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds agents against a {@link FakeChatCompletions} and the inbound messages they answer. */
final class Agents {

    static final String CHANNEL = "con_WA";
    static final String ADDRESS = "5511999990001";
    static final ConversationKey KEY = new ConversationKey(CHANNEL, ADDRESS);
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** A sleeper that records the waits instead of sleeping. */
    static final class Waits implements ModelCaller.Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            waits.add(d);
        }
    }

    final FakeChatCompletions fake;
    final TestConnectorContext context;
    final Waits waits = new Waits();
    final OpenAiAgentConnector agent;
    private int minute;

    /**
     * An agent with this config (apiKey and baseUrl of the fake added unless it names its {@code providers}),
     * answering in an open conversation.
     */
    Agents(FakeChatCompletions fake, String configJson) {
        this.fake = fake;
        ObjectNode config = (ObjectNode) Json.parse(configJson);
        if (!config.has("providers")) {
            if (!config.has("apiKey")) {
                config.put("apiKey", fake.apiKey());
            }
            config.put("baseUrl", fake.baseUrl());
        }
        this.context = TestConnectorContext.of(new OpenAiAgentConnectorFactory(), Json.write(config));
        context.conversations().open(KEY, "Ana");
        OpenAiAgentConfig parsed = OpenAiAgentConfig.from(context.config());
        this.agent = new OpenAiAgentConnector(parsed, context,
                OpenAiAgentConnectorFactory.providers(parsed, context), waits);
    }

    /** Records what the contact wrote in the history and returns the envelope the hub would hand the agent. */
    Envelope inbound(String text) {
        HistoryEntry e = context.conversations().addText(KEY, HistoryEntry.Direction.INBOUND, text, next());
        return envelope(e.eventId(), text);
    }

    /** An inbound envelope that is not in the history (yet). */
    static Envelope envelope(String id, String text) {
        return new Envelope(id, "default", EnvelopeTypes.MESSAGE_INBOUND, CHANNEL, "wamid." + id, KEY, T0, id, null,
                ChatMessage.inbound(new Party(ADDRESS, "Ana"), new Content.Text(text)), Map.of());
    }

    /** Records an earlier reply of ours in the history. */
    void outbound(String text) {
        context.conversations().addText(KEY, HistoryEntry.Direction.OUTBOUND, text, next());
    }

    /** Records a note in the history. */
    void note(String json) {
        context.conversations().addNote(KEY, Json.parse(json), next());
    }

    ActionResult reply(Envelope cause) {
        return agent.invoke(new ActionRequest(ActionNames.AGENT_REPLY, PluginJson.mapper().createObjectNode(), cause,
                "dlv_" + cause.id(), 1));
    }

    ActionResult say(String text) {
        return reply(inbound(text));
    }

    List<EnvelopeDraft> emitted(String type) {
        return context.emitted().stream().filter(d -> d.type().equals(type)).toList();
    }

    List<EnvelopeDraft> replies() {
        return emitted(EnvelopeTypes.MESSAGE_OUTBOUND);
    }

    static String text(EnvelopeDraft reply) {
        return ((Content.Text) ((ChatMessage) reply.payload()).content()).text();
    }

    List<JsonNode> notes() {
        return emitted(EnvelopeTypes.CONVERSATION_NOTE).stream().map(d -> ((GenericPayload) d.payload()).data())
                .toList();
    }

    /** The messages of the n-th chat request. */
    JsonNode messages(int n) {
        return fake.requestBodies().get(n).get("messages");
    }

    private Instant next() {
        return T0.plusSeconds(60L * minute++);
    }
}
