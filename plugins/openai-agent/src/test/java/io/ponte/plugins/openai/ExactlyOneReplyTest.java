package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import io.ponte.testkit.TestConnectorContext;
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
        TestConnectorContext context = TestConnectorContext.of(new OpenAiAgentConnectorFactory(),
                "{\"apiKey\":\"" + fake.apiKey() + "\",\"baseUrl\":\"" + fake.baseUrl() + "\"}");
        OpenAiAgentConfig config = OpenAiAgentConfig.from(context.config());
        OpenAiAgentConnector agent = new OpenAiAgentConnector(config, context,
                OpenAiAgentConnectorFactory.providers(config, context), d -> { });
        Envelope cause = Agents.envelope("evt_DUP", "oi");

        ActionResult first = agent.invoke(new ActionRequest(ActionNames.AGENT_REPLY, Json.object(), cause,
                "dlv_1", 1));
        ActionResult again = agent.invoke(new ActionRequest(ActionNames.AGENT_REPLY, Json.object(), cause,
                "dlv_1", 2));

        // The test context dedupes on externalId as the hub does: the second attempt's reply (same key) is a
        // duplicate, not stored again, and its null id makes the agent answer with the reply's key.
        assertThat(context.emitted()).extracting(EnvelopeDraft::externalId).filteredOn(id -> id.startsWith("reply:"))
                .containsExactly("reply:evt_DUP");
        assertThat(((ActionResult.Delivered) first).externalRef()).startsWith("evt_");
        assertThat(((ActionResult.Delivered) again).externalRef()).isEqualTo("reply:evt_DUP");
        agent.close();
    }
}
