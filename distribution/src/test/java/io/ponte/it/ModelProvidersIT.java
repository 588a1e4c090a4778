package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.openai.fake.FakeAnthropicMessages;
import io.ponte.plugins.openai.fake.FakeAnthropicMessages.Reply;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "OpenAI first, then Claude", as installed from the distribution: the {@code openai-agent} plugin zip (both
 * official SDKs in its {@code lib/}, loaded by PF4J) with a chain of two providers, OpenAI's fake rate-limited for a
 * simulated minute and Anthropic's fake answering instead. Each message gets exactly one reply, the rate-limited
 * provider is left out while its {@code retry-after} runs, and the metrics name the provider that answered.
 */
class ModelProvidersIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String message(String id, String text) {
        return "{\"id\":\"%s\",\"from\":\"5511987650001\",\"name\":\"Ana\",\"text\":\"%s\"}".formatted(id, text);
    }

    @Test
    void a_rate_limited_openai_hands_every_message_to_claude_exactly_once() {
        try (FakeChatCompletions openai = new FakeChatCompletions();
             FakeAnthropicMessages claude = new FakeAnthropicMessages();
             HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String chat = hub.createConnection("http", "site chat", Map.of("url", sink.url("/out")));
            String agent = hub.createConnection("openai-agent", "assistant", Map.of(
                    "systemPrompt", "Você atende a Loja Azul. O cliente se chama {{contact.name}}.",
                    "providers", List.of(
                            Map.of("kind", "openai", "apiKey", openai.apiKey(), "baseUrl", openai.baseUrl(),
                                    "model", "gpt-4o-mini"),
                            Map.of("kind", "anthropic", "apiKey", claude.apiKey(), "baseUrl", claude.baseUrl(),
                                    "model", "claude-haiku-4-5"))));
            hub.createRoute("""
                    {"name":"agent answers","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(chat, agent));
            openai.rateLimitFor(Duration.ofMinutes(1));
            claude.enqueue(Reply.text("Olá, Ana! Temos o tênis azul."), Reply.text("No 38 também."),
                    Reply.text("Separado para você."));

            assertThat(hub.hook(chat, message("m1", "Tem o tênis azul?")).status()).isEqualTo(200);
            assertThat(hub.hook(chat, message("m1", "Tem o tênis azul?")).status()).isEqualTo(200);
            TestHub.await("the first answer", WAIT, () -> sink.count() == 1);
            hub.hook(chat, message("m2", "E no 38?"));
            TestHub.await("the second answer", WAIT, () -> sink.count() == 2);
            hub.hook(chat, message("m3", "Pode separar?"));
            TestHub.await("the third answer", WAIT, () -> sink.count() == 3);

            assertThat(sink.received()).extracting(r -> r.json().get("text").asText())
                    .containsExactly("Olá, Ana! Temos o tênis azul.", "No 38 também.", "Separado para você.");
            assertThat(hub.events("connection=" + agent + "&type=message.outbound")).as("one reply per message")
                    .hasSize(3);
            assertThat(openai.requests()).as("tried once, then left out while its retry-after runs").hasSize(1);
            assertThat(claude.requests()).hasSize(3);
            JsonNode last = claude.requestBodies().get(2);
            assertThat(last.get("system").asText()).contains("O cliente se chama Ana.");
            assertThat(last.get("messages")).extracting(m -> m.get("role").asText())
                    .containsExactly("user", "assistant", "user", "assistant", "user");
            assertThat(claude.requests().get(0).header("anthropic-version")).isEqualTo("2023-06-01");

            String shown = hub.get("/api/v1/connections/" + agent).body();
            assertThat(shown).as("the providers hold the keys: masked as a whole")
                    .contains("\"providers\":\"***\"").doesNotContain(openai.apiKey()).doesNotContain(claude.apiKey());

            String metrics = hub.get("/metrics").body();
            assertThat(metrics.lines().filter(l -> l.startsWith("ponte_plugin_agent_tokens_total")))
                    .anySatisfy(l -> assertThat(l).contains("provider=\"anthropic\"")
                            .contains("model=\"claude-haiku-4-5\""))
                    .noneSatisfy(l -> assertThat(l).contains("provider=\"openai\""));
            assertThat(metrics.lines().filter(l -> l.startsWith("ponte_plugin_agent_provider_failovers_total")))
                    .anySatisfy(l -> assertThat(l).contains("provider=\"openai\"").contains("reason=\"rate_limited\""))
                    .anySatisfy(l -> assertThat(l).contains("provider=\"openai\"").contains("reason=\"breaker_open\""));
        }
    }
}
