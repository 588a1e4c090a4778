package io.ponte.plugins.rulesagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Emitter;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.PluginJson;
import io.ponte.api.message.Party;
import io.ponte.testkit.TestConnectorContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Shared test data: one contact on one channel, inbound messages from them, and the agent under test. Public, and in
 * the test-jar, for end-to-end tests elsewhere.
 */
public final class Agents {

    public static final String CHANNEL = "con_CHANNEL";
    public static final String ADDRESS = "5511999990001";
    public static final ConversationKey KEY = new ConversationKey(CHANNEL, ADDRESS);
    public static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");

    private Agents() {
    }

    /** A context for an agent with this config (validated as the hub does). */
    public static TestConnectorContext context(String configJson) {
        return TestConnectorContext.of(new RulesAgentConnectorFactory(), configJson);
    }

    /** Opens the agent on a context. */
    public static Connector open(ConnectorContext context) {
        return new RulesAgentConnectorFactory().open(context);
    }

    /** A text message from Ana. */
    public static Envelope inbound(String id, String text) {
        return inbound(id, new Content.Text(text), new Party(ADDRESS, "Ana"));
    }

    /** A message of any content from any sender in the test conversation. */
    public static Envelope inbound(String id, Content content, Party from) {
        return new Envelope(id, "default", EnvelopeTypes.MESSAGE_INBOUND, CHANNEL, "wamid." + id, KEY, AT,
                "cor_" + id, null, ChatMessage.inbound(from, content), Map.of());
    }

    /** What a route sends the agent for a cause. */
    public static ActionRequest replyTo(Envelope cause) {
        return new ActionRequest(ActionNames.AGENT_REPLY, PluginJson.mapper().createObjectNode(), cause,
                "dlv_" + cause.id(), 1);
    }

    /** The outcome, which must be Delivered. */
    public static ActionResult.Delivered delivered(ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Delivered.class);
        return (ActionResult.Delivered) result;
    }

    /** The text of a message.outbound draft. */
    public static String text(EnvelopeDraft draft) {
        assertThat(draft.type()).isEqualTo(EnvelopeTypes.MESSAGE_OUTBOUND);
        ChatMessage chat = (ChatMessage) draft.payload();
        assertThat(chat.content()).isInstanceOf(Content.Text.class);
        return ((Content.Text) chat.content()).text();
    }

    /** The texts of every message.outbound the agent emitted, in order. */
    public static List<String> replies(TestConnectorContext ctx) {
        return ctx.emitted().stream().filter(d -> d.type().equals(EnvelopeTypes.MESSAGE_OUTBOUND))
                .map(Agents::text).toList();
    }

    /** The conversation.note drafts the agent emitted, in order. */
    public static List<EnvelopeDraft> notes(TestConnectorContext ctx) {
        return ctx.emitted().stream().filter(d -> d.type().equals(EnvelopeTypes.CONVERSATION_NOTE)).toList();
    }

    /**
     * A context like {@code ctx} whose every emit fails as the hub's database being down would (the test context's
     * own emitter dedupes on externalId like the hub, but never fails).
     */
    public static ConnectorContext failingEmits(TestConnectorContext ctx) {
        Emitter down = drafts -> CompletableFuture.failedFuture(new IllegalStateException("database is down"));
        return (ConnectorContext) Proxy.newProxyInstance(Agents.class.getClassLoader(),
                new Class<?>[] {ConnectorContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("emitter")) {
                        return down;
                    }
                    try {
                        return method.invoke(ctx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
