package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.models.Model;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.message.Envelope;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import io.ponte.testkit.OversizedProvider;
import io.ponte.testkit.RecordingHttpClient;
import io.ponte.testkit.TestConnectorContext;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent calls its provider only through the hub's HTTP client ({@code context.httpClient()}, which applies the
 * outbound policy), follows no redirect and reads answers with a cap.
 */
class OutboundCallsTest {

    private final FakeChatCompletions fake = new FakeChatCompletions();
    private final RecordingHttpClient http = new RecordingHttpClient();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void sends_every_call_through_the_contexts_http_client() {
        TestConnectorContext context = context(fake.baseUrl(), "");
        fake.enqueue(Answer.text("Olá, Ana!"));

        try (Connector agent = new OpenAiAgentConnectorFactory().open(context)) {
            assertThat(reply(agent, context)).isInstanceOf(ActionResult.Delivered.class);
            assertThat(agent.health().status()).isEqualTo(Health.Status.UP);
        }

        assertThat(http.requests()).extracting(URI::getPath)
                .containsExactly("/v1/chat/completions", "/v1/models/gpt-4o-mini");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void a_denied_address_fails_the_call_with_the_policys_words_and_sends_nothing() {
        http.deny("127.0.0.1", "127.0.0.1 resolves to 127.0.0.1, a loopback address");
        TestConnectorContext context = context(fake.baseUrl(), "");

        try (Connector agent = new OpenAiAgentConnectorFactory().open(context)) {
            assertThat(reply(agent, context)).isInstanceOfSatisfying(ActionResult.Retry.class, retry -> assertThat(
                    retry.reason()).contains("gpt-4o-mini: OutboundDeniedException (request to 127.0.0.1 denied by the outbound "
                    + "policy: 127.0.0.1 resolves to 127.0.0.1, a loopback address)"));
            assertThat(agent.health()).satisfies(h -> {
                assertThat(h.status()).isEqualTo(Health.Status.DOWN);
                assertThat(h.detail()).contains("denied by the outbound policy");
            });
        }

        assertThat(fake.requests()).as("nothing reached the provider").isEmpty();
        assertThat(context.emitted()).isEmpty();
    }

    @Test
    void does_not_follow_a_redirect_to_another_server() {
        try (FakeChatCompletions elsewhere = new FakeChatCompletions()) {
            fake.enqueue(Answer.redirect(elsewhere.baseUrl() + "/chat/completions"));
            TestConnectorContext context = context(fake.baseUrl(), "");

            try (Connector agent = new OpenAiAgentConnectorFactory().open(context)) {
                assertThat(reply(agent, context)).isInstanceOfSatisfying(ActionResult.Failed.class,
                        failed -> assertThat(failed.reason()).contains("gpt-4o-mini: HTTP 302"));
            }

            assertThat(fake.requests()).hasSize(1);
            assertThat(elsewhere.requests()).as("the redirect's target").isEmpty();
            assertThat(http.requests()).extracting(URI::getPort).containsOnly(URI.create(fake.baseUrl()).getPort());
        }
    }

    @Test
    void stops_reading_an_answer_larger_than_four_mib() {
        long huge = 256L * 1024 * 1024;
        try (OversizedProvider provider = OversizedProvider.chunked(huge)) {
            TestConnectorContext context = context(provider.baseUrl() + "/v1", "");

            try (Connector agent = new OpenAiAgentConnectorFactory().open(context)) {
                assertThat(reply(agent, context)).isInstanceOfSatisfying(ActionResult.Retry.class, retry -> assertThat(
                        retry.reason()).contains("gpt-4o-mini: the provider's answer is larger than 4194304 bytes"));
            }

            assertThat(provider.clientHungUpEarly()).as("the agent hung up before the body's end").isTrue();
            assertThat(provider.bytesWritten()).isLessThan(huge / 8);
        }
    }

    @Test
    void the_sdks_asynchronous_calls_go_through_the_same_client() {
        TestConnectorContext context = context(fake.baseUrl(), "");
        OpenAiAgentConfig config = OpenAiAgentConfig.from(context.config());
        OpenAIClient client = ((OpenAiChat) OpenAiAgentConnectorFactory.providers(config, context).get(0)).client();
        try {
            Model model = client.async().models().retrieve("gpt-4o-mini").join();

            assertThat(model.id()).isEqualTo("gpt-4o-mini");
            assertThat(http.requests()).extracting(URI::getPath).containsExactly("/v1/models/gpt-4o-mini");
        } finally {
            client.close();
        }
    }

    /** An agent's context whose HTTP client is {@link #http}; maxRetries 0, so no retry sleeps. */
    private TestConnectorContext context(String baseUrl, String extra) {
        TestConnectorContext context = TestConnectorContext.of(new OpenAiAgentConnectorFactory(),
                "{\"apiKey\":\"" + fake.apiKey() + "\",\"baseUrl\":\"" + baseUrl + "\",\"maxRetries\":0" + extra + "}")
                .withHttpClient(http);
        context.conversations().open(Agents.KEY, "Ana");
        return context;
    }

    private static ActionResult reply(Connector agent, TestConnectorContext context) {
        HistoryEntry inbound = context.conversations().addText(Agents.KEY, HistoryEntry.Direction.INBOUND, "oi",
                Agents.T0);
        Envelope cause = Agents.envelope(inbound.eventId(), "oi");
        return agent.invoke(new ActionRequest(ActionNames.AGENT_REPLY, Json.object(), cause, "dlv_" + cause.id(), 1));
    }
}
