package io.ponte.plugins.rulesagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.Actions;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.connector.Emitter;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.api.conversation.Conversations;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.MessageJson;
import io.ponte.api.message.Party;
import io.ponte.testkit.TestConnectorContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared test data: one contact on one channel, inbound messages from them, and the agent under test. Public, and in
 * the test-jar, for end-to-end tests elsewhere.
 */
public final class Agents {

    public static final String CHANNEL = "con_CHANNEL";
    public static final String ADDRESS = "5511999990001";
    public static final String KEY = CHANNEL + ":" + ADDRESS;
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
        return new ActionRequest("agent.reply", MessageJson.mapper().createObjectNode(), cause, "dlv_" + cause.id(),
                1);
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
     * The test context with the hub's emit semantics: an envelope whose externalId was stored before is dropped
     * and answered with a null id; {@link #failEmits()} makes storing fail.
     */
    public static final class DedupingContext implements ConnectorContext {
        private final TestConnectorContext delegate;
        private final Set<String> stored = ConcurrentHashMap.newKeySet();
        private volatile boolean failing;

        /** Wraps a test context. */
        public DedupingContext(TestConnectorContext delegate) {
            this.delegate = delegate;
        }

        /** From now on every emit fails as a database error would. */
        public void failEmits() {
            failing = true;
        }

        @Override
        public Emitter emitter() {
            Emitter real = delegate.emitter();
            return drafts -> {
                if (failing) {
                    return CompletableFuture.failedFuture(new IllegalStateException("database is down"));
                }
                List<EnvelopeDraft> fresh = drafts.stream().filter(d -> stored.add(d.externalId())).toList();
                return real.emit(fresh).thenApply(ids -> {
                    Iterator<String> it = ids.iterator();
                    return drafts.stream().map(d -> fresh.contains(d) ? it.next() : null).toList();
                });
            };
        }

        @Override
        public String connectionId() {
            return delegate.connectionId();
        }

        @Override
        public String connectionName() {
            return delegate.connectionName();
        }

        @Override
        public String tenant() {
            return delegate.tenant();
        }

        @Override
        public ConnectionConfig config() {
            return delegate.config();
        }

        @Override
        public HttpClient httpClient() {
            return delegate.httpClient();
        }

        @Override
        public KeyValueStore state() {
            return delegate.state();
        }

        @Override
        public Clock clock() {
            return delegate.clock();
        }

        @Override
        public ConnectorMetrics metrics() {
            return delegate.metrics();
        }

        @Override
        public Optional<URI> publicUrl() {
            return delegate.publicUrl();
        }

        @Override
        public Conversations conversations() {
            return delegate.conversations();
        }

        @Override
        public Actions actions() {
            return delegate.actions();
        }
    }
}
