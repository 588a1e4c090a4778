package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hub's side of the one-reply guarantee: an agent that replies (emits its {@code message.outbound} with
 * externalId {@code reply:<inbound event id>}) and then fails, as if the node died before recording the outcome,
 * is retried; the retry's reply is a duplicate, so the contact gets exactly one message. The agent also sees the
 * conversation's history through {@code context.conversations()}.
 */
class AgentReplyTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    static final List<List<HistoryEntry>> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Replies "got: <text>", and fails its first attempt after replying. */
    static final class ForgetfulAgent implements ConnectorFactory {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("forgetful-agent", Category.AGENT, "Forgetful agent", "replies, then fails once",
                    ConfigSpec.of(), List.of(EnvelopeTypes.MESSAGE_OUTBOUND),
                    List.of(new ActionSpec("agent.reply", "answers", null)));
        }

        @Override
        public Connector open(ConnectorContext context) {
            return new Connector() {
                @Override
                public ActionResult invoke(ActionRequest request) {
                    var cause = request.cause();
                    SEEN.add(context.conversations().history(cause.conversation(), 10));
                    String text = ((Content.Text) ((ChatMessage) cause.payload()).content()).text();
                    try {
                        context.emitter().emit(List.of(EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_OUTBOUND,
                                        ChatMessage.outbound(Party.of(cause.conversation().address()),
                                                new Content.Text("got: " + text)))
                                .conversation(cause.conversation()).causationId(cause.id())
                                .externalId("reply:" + cause.id()).build())).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        return ActionResult.retry("could not store the reply: " + e);
                    }
                    return ATTEMPTS.incrementAndGet() == 1 ? ActionResult.retry("crashed before recording the outcome")
                            : ActionResult.delivered("reply:" + cause.id());
                }
            };
        }
    }

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_agent_retried_after_replying_sends_exactly_one_reply(TestDatabase db) {
        ATTEMPTS.set(0);
        SEEN.clear();
        ChatConnector.SENT.clear();
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector(), new ForgetfulAgent()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            hub.post("/api/v1/connections", TestHub.parse("""
                    {"connector":"forgetful-agent","name":"agent","config":{},
                     "delivery":{"retrySchedule":["200ms","200ms","200ms"]}}"""));
            String agent = hub.get("/api/v1/connections").json().get("items").findValuesAsText("id").stream()
                    .filter(id -> !id.equals(chat)).findFirst().orElseThrow();
            hub.createRoute("""
                    {"name":"to the agent","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(chat, agent));
            String webhook = "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"5511\",\"name\":\"Ana\",\"text\":\"oi\"}]";
            hub.hook(chat, webhook);
            hub.hook(chat, webhook);

            TestHub.await("the agent's delivery done", Duration.ofSeconds(15), () -> hub.deliveries("connection="
                    + agent + "&status=delivered").size() == 1);
            TestHub.await("the reply sent through the channel", Duration.ofSeconds(10), () -> hub.deliveries(
                    "connection=" + chat + "&status=delivered").size() == 1);
            assertThat(ATTEMPTS.get()).as("the agent ran twice").isEqualTo(2);
            assertThat(hub.events("connection=" + agent + "&type=message.outbound")).as("one reply stored").hasSize(1);
            assertThat(ChatConnector.SENT).extracting(j -> j.get("text").asText()).containsExactly("got: oi");
            assertThat(hub.deliveries("connection=" + chat)).hasSize(1);
            assertThat(SEEN.get(0)).extracting(HistoryEntry::text).as("the agent sees the inbound message")
                    .containsExactly("oi");
            assertThat(SEEN.get(1)).extracting(HistoryEntry::text).as("its retry also sees the reply it already gave")
                    .containsExactly("oi", "got: oi");
        }
    }
}
