package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Emitter;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import io.ponte.testkit.TestConnectorContext;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExactlyOneReplyTest {

    private final FakeChatCompletions fake = new FakeChatCompletions();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void a_retry_after_every_model_failed_replies_with_the_same_external_id() {
        Agents a = new Agents(fake, "{\"maxRetries\":0}");
        fake.enqueue(Answer.serverError(500), Answer.text("agora sim"));
        Envelope cause = a.inbound("oi");

        assertThat(a.reply(cause)).isInstanceOf(ActionResult.Retry.class);
        assertThat(a.replies()).isEmpty();
        assertThat(a.reply(cause)).isInstanceOf(ActionResult.Delivered.class);

        assertThat(a.replies()).extracting(EnvelopeDraft::externalId).containsExactly("reply:" + cause.id());
    }

    @Test
    void every_attempt_for_one_message_uses_the_one_external_id_and_a_stored_duplicate_is_delivered() {
        FakeHub hub = new FakeHub();
        TestConnectorContext base = TestConnectorContext.of(new OpenAiAgentConnectorFactory(),
                "{\"apiKey\":\"" + fake.apiKey() + "\",\"baseUrl\":\"" + fake.baseUrl() + "\"}");
        ConnectorContext context = hub.around(base);
        OpenAiAgentConfig config = OpenAiAgentConfig.from(base.config());
        OpenAiAgentConnector agent = new OpenAiAgentConnector(config, context,
                OpenAiAgentConnectorFactory.client(config), d -> { });
        Envelope cause = Agents.envelope("evt_DUP", "oi");

        ActionResult first = agent.invoke(new io.ponte.api.action.ActionRequest("agent.reply", Json.object(), cause,
                "dlv_1", 1));
        ActionResult again = agent.invoke(new io.ponte.api.action.ActionRequest("agent.reply", Json.object(), cause,
                "dlv_1", 2));

        assertThat(hub.externalIds).filteredOn(id -> id.startsWith("reply:")).containsExactly("reply:evt_DUP",
                "reply:evt_DUP");
        assertThat(hub.stored).filteredOn(id -> id.startsWith("reply:")).containsExactly("reply:evt_DUP");
        assertThat(((ActionResult.Delivered) first).externalRef()).startsWith("evt_");
        assertThat(((ActionResult.Delivered) again).externalRef()).isEqualTo("reply:evt_DUP");
        agent.close();
    }

    /** Dedupes on external id as the hub does, answering null for a duplicate. */
    static final class FakeHub {
        final List<String> externalIds = new ArrayList<>();
        final Set<String> stored = ConcurrentHashMap.newKeySet();

        ConnectorContext around(TestConnectorContext base) {
            Emitter emitter = drafts -> {
                List<String> ids = new ArrayList<>();
                for (EnvelopeDraft d : drafts) {
                    externalIds.add(d.externalId());
                    ids.add(d.externalId() == null || stored.add(d.externalId()) ? "evt_" + stored.size() : null);
                }
                return CompletableFuture.completedFuture(ids);
            };
            return (ConnectorContext) Proxy.newProxyInstance(ConnectorContext.class.getClassLoader(),
                    new Class<?>[]{ConnectorContext.class}, (proxy, method, args) -> method.getName().equals("emitter")
                            ? emitter : method.invoke(base, args));
        }
    }
}
