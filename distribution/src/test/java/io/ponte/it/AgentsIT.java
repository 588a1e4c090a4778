package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agents as installed from the distribution, answering an {@code http} channel: the rules agent (no model) and
 * the OpenAI agent against the plugin's local fake of the Chat Completions API. The channel's outbound side is a
 * local sink standing in for the customer's system.
 */
class AgentsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static String message(String id, String text) {
        return "{\"id\":\"%s\",\"from\":\"5511987650001\",\"name\":\"Ana\",\"text\":\"%s\"}".formatted(id, text);
    }

    private static String agentRoute(String channel, String agent) {
        return """
                {"name":"agent answers","match":{"source":"%s","type":"message.inbound"},
                 "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(channel, agent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void the_rules_agent_answers_once_despite_a_duplicate_webhook_and_a_restart(TestDatabase db) {
        try (HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String chat = hub.createConnection("http", "site chat", Map.of("url", sink.url("/out")));
            String agent = hub.createConnection("rules-agent", "faq", Map.of("rules", List.of(
                    Map.of("pattern", "pre[cç]o|quanto custa", "reply", "{{contact.name}}, o frete é grátis acima de R$ 200."),
                    Map.of("pattern", "hor[aá]rio", "reply", "Atendemos das 9h às 18h.")),
                    "defaultReply", "Recebemos sua mensagem, {{contact.name}}!"));
            hub.createRoute(agentRoute(chat, agent));

            assertThat(hub.hook(chat, message("m1", "Qual o preço do frete?")).status()).isEqualTo(200);
            assertThat(hub.hook(chat, message("m1", "Qual o preço do frete?")).status()).isEqualTo(200);
            TestHub.await("the reply at the customer's system", WAIT, () -> sink.count() == 1);
            JsonNode reply = sink.received().get(0).json();
            assertThat(reply.get("to").asText()).isEqualTo("5511987650001");
            assertThat(reply.get("text").asText()).isEqualTo("Ana, o frete é grátis acima de R$ 200.");

            hub.restart();
            assertThat(hub.hook(chat, message("m1", "Qual o preço do frete?")).status()).isEqualTo(200);
            assertThat(hub.hook(chat, message("m2", "e o horário?")).status()).isEqualTo(200);
            TestHub.await("the second reply", WAIT, () -> sink.count() == 2);
            assertThat(sink.received().get(1).json().get("text").asText()).isEqualTo("Atendemos das 9h às 18h.");
            assertThat(hub.events("connection=" + agent + "&type=message.outbound")).as("one reply per message")
                    .hasSize(2);

            JsonNode c = hub.get("/api/v1/conversations?connection=" + chat).json().get("items").get(0);
            List<JsonNode> history = history(hub, c.get("id").asText());
            assertThat(history).extracting(m -> m.get("direction").asText())
                    .containsExactly("inbound", "outbound", "inbound", "outbound");
        }
    }

    @Test
    void a_conversation_handed_to_a_human_gets_no_agent_reply_until_it_returns_to_the_bot() {
        try (HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String chat = hub.createConnection("http", "site chat", Map.of("url", sink.url("/out")));
            String agent = hub.createConnection("rules-agent", "faq", Map.of("rules", List.of(
                    Map.of("pattern", ".", "reply", "resposta automática"))));
            hub.createRoute(agentRoute(chat, agent));
            hub.hook(chat, message("m1", "oi"));
            TestHub.await("the first reply", WAIT, () -> sink.count() == 1);
            String conversation = hub.get("/api/v1/conversations?connection=" + chat).json().at("/items/0/id").asText();

            assertThat(patch(hub, "/api/v1/conversations/" + conversation, "{\"state\":\"human\"}").status())
                    .isEqualTo(200);
            hub.hook(chat, message("m2", "quero falar com alguém"));
            TestHub.await("the agent's turn done", WAIT, () -> hub.deliveries("connection=" + agent
                    + "&status=delivered").size() == 2);
            assertThat(sink.count()).as("silent while a human handles it").isEqualTo(1);

            patch(hub, "/api/v1/conversations/" + conversation, "{\"state\":\"bot\"}");
            hub.hook(chat, message("m3", "voltei"));
            TestHub.await("answered again", WAIT, () -> sink.count() == 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void the_openai_agent_answers_with_the_conversation_history_and_rides_out_a_rate_limit(TestDatabase db) {
        try (FakeChatCompletions openai = new FakeChatCompletions();
             HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String chat = hub.createConnection("http", "site chat", Map.of("url", sink.url("/out")));
            String agent = hub.createConnection("openai-agent", "assistant", Map.of("apiKey", openai.apiKey(),
                    "baseUrl", openai.baseUrl(), "model", "gpt-4o-mini",
                    "systemPrompt", "Você atende a Loja Azul. O cliente se chama {{contact.name}}."));
            hub.createRoute(agentRoute(chat, agent));
            openai.enqueue(FakeChatCompletions.Answer.rateLimited(200L, null),
                    FakeChatCompletions.Answer.text("Olá, Ana! Temos sim o tênis azul no 38."),
                    FakeChatCompletions.Answer.text("Posso separar para retirada hoje."));

            hub.hook(chat, message("m1", "Tem o tênis azul no 38?"));
            hub.hook(chat, message("m1", "Tem o tênis azul no 38?"));
            TestHub.await("the first answer", WAIT, () -> sink.count() == 1);
            assertThat(sink.received().get(0).json().get("text").asText())
                    .isEqualTo("Olá, Ana! Temos sim o tênis azul no 38.");
            JsonNode first = openai.lastRequest();
            assertThat(first.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(first.at("/messages/0/role").asText()).isEqualTo("system");
            assertThat(first.at("/messages/0/content").asText()).contains("O cliente se chama Ana.");
            assertThat(first.at("/messages/1/content").asText()).isEqualTo("Tem o tênis azul no 38?");

            hub.hook(chat, message("m2", "Pode separar?"));
            TestHub.await("the second answer", WAIT, () -> sink.count() == 2);
            JsonNode second = openai.lastRequest();
            assertThat(second.get("messages")).extracting(m -> m.get("role").asText())
                    .containsExactly("system", "user", "assistant", "user");
            assertThat(second.at("/messages/2/content").asText()).isEqualTo("Olá, Ana! Temos sim o tênis azul no 38.");
            assertThat(openai.requests()).as("the rate-limited call, then one per message").hasSize(3);
            assertThat(hub.events("connection=" + agent + "&type=message.outbound")).hasSize(2);
            assertThat(hub.get("/metrics").body()).contains("ponte_plugin_agent_tokens_total");
        }
    }

    private static List<JsonNode> history(TestHub hub, String conversation) {
        List<JsonNode> out = new java.util.ArrayList<>();
        hub.get("/api/v1/conversations/" + conversation + "/messages").json().get("items").forEach(out::add);
        return out;
    }

    private static TestHub.Response patch(TestHub hub, String path, String json) {
        return hub.send(HttpRequest.newBuilder(hub.uri(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN));
    }
}
