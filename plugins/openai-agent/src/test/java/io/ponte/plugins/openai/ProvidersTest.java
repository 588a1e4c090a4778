package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigException;
import io.ponte.plugins.openai.fake.FakeAnthropicMessages;
import io.ponte.plugins.openai.fake.FakeAnthropicMessages.Reply;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Recorded;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chain of providers: OpenAI, then Claude (Messages API), then Gemini (its OpenAI-compatible endpoint). */
class ProvidersTest {

    private final FakeChatCompletions openai = new FakeChatCompletions();
    private final FakeAnthropicMessages claude = new FakeAnthropicMessages();
    private final FakeChatCompletions gemini = FakeChatCompletions.gemini("AIza-fake-gemini-key-0123456789");

    @AfterEach
    void stop() {
        openai.close();
        claude.close();
        gemini.close();
    }

    private String chain(String... providers) {
        return "{\"maxRetries\":1,\"providers\":[" + String.join(",", providers) + "]}";
    }

    private String openaiProvider() {
        return "{\"kind\":\"openai\",\"apiKey\":\"" + openai.apiKey() + "\",\"baseUrl\":\"" + openai.baseUrl()
                + "\",\"model\":\"gpt-4o-mini\"}";
    }

    private String claudeProvider() {
        return "{\"kind\":\"anthropic\",\"apiKey\":\"" + claude.apiKey() + "\",\"baseUrl\":\"" + claude.baseUrl()
                + "\",\"model\":\"claude-haiku-4-5\",\"maxTokens\":512}";
    }

    private String geminiProvider() {
        return "{\"kind\":\"gemini\",\"apiKey\":\"AIza-fake-gemini-key-0123456789\",\"baseUrl\":\""
                + gemini.baseUrl() + "\",\"model\":\"gemini-2.5-flash\"}";
    }

    @Test
    void a_rate_limited_openai_hands_over_to_claude_and_stays_out_until_its_retry_after_has_passed() {
        Agents a = new Agents(openai, chain(openaiProvider(), claudeProvider()));
        openai.rateLimitFor(Duration.ofMinutes(1));
        claude.enqueue(Reply.text("Oi Ana, aqui é o Claude."), Reply.text("Segunda resposta."));

        ActionResult first = a.say("Tem o tênis azul?");

        assertThat(first).isInstanceOf(ActionResult.Delivered.class);
        assertThat(a.replies()).extracting(Agents::text).containsExactly("Oi Ana, aqui é o Claude.");
        assertThat(openai.requests()).as("one try: a rate limit moves to the next provider at once").hasSize(1);
        assertThat(a.waits.waits).as("no waiting for a provider another can stand in for").isEmpty();
        Recorded sent = claude.requests().get(0);
        assertThat(sent.header("x-api-key")).isEqualTo(claude.apiKey());
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        JsonNode body = sent.bodyJson();
        assertThat(body.get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(body.get("max_tokens").asLong()).isEqualTo(512);
        assertThat(body.get("system").asText()).contains("Ana");
        assertThat(body.get("messages")).extracting(m -> m.get("role").asText()).containsExactly("user");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Tem o tênis azul?");

        a.outbound("Oi Ana, aqui é o Claude.");
        a.say("E no 38?");
        assertThat(openai.requests()).as("left out while its retry-after runs").hasSize(1);
        assertThat(claude.requestBodies().get(1).get("messages")).extracting(m -> m.get("role").asText())
                .containsExactly("user", "assistant", "user");

        a.context.advance(Duration.ofSeconds(61));
        openai.advance(Duration.ofSeconds(61));
        openai.enqueue(FakeChatCompletions.Answer.text("De volta na OpenAI."));
        a.say("Obrigada");
        assertThat(a.replies()).extracting(Agents::text).last().isEqualTo("De volta na OpenAI.");
        assertThat(claude.requests()).hasSize(2);
        assertThat(a.replies()).as("exactly one reply per message").hasSize(3);

        assertThat(a.context.recordedMetrics())
                .contains("agent.provider.failovers[provider,openai,reason,rate_limited]",
                        "agent.provider.failovers[provider,openai,reason,breaker_open]",
                        "agent.tokens[direction,input,model,claude-haiku-4-5,provider,anthropic]=25.0",
                        "agent.tokens[direction,input,model,gpt-4o-mini,provider,openai]=10.0");
        JsonNode usage = a.notes().stream().filter(n -> n.has("usage")).findFirst().orElseThrow().get("usage");
        assertThat(usage.get("provider").asText()).isEqualTo("anthropic");
        assertThat(usage.get("model").asText()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void server_errors_keep_the_retries_and_the_providers_next_model_before_the_next_provider() {
        Agents a = new Agents(openai, chain(openaiProvider().replace("\"model\":\"gpt-4o-mini\"",
                "\"model\":\"gpt-4o-mini\",\"fallbackModels\":[\"gpt-4o\"]"), claudeProvider()));
        openai.failModel("gpt-4o-mini", 500).failModel("gpt-4o", 500);

        a.say("oi");

        assertThat(openai.requestedModels()).containsExactly("gpt-4o-mini", "gpt-4o-mini", "gpt-4o", "gpt-4o");
        assertThat(a.replies()).extracting(Agents::text).containsExactly(FakeAnthropicMessages.DEFAULT_TEXT);
        assertThat(a.context.recordedMetrics())
                .contains("agent.provider.failovers[provider,openai,reason,server_error]");

        a.say("oi de novo");
        assertThat(openai.requests()).as("left out for 30 s after its last model failed").hasSize(4);
        assertThat(claude.requests()).hasSize(2);
    }

    @Test
    void claude_runs_the_tools_with_tool_use_and_tool_result_blocks() {
        Agents a = new Agents(openai, chain(claudeProvider()).replace("}]}", "}],\"tools\":[\"con_SHOP/order.get\","
                + "\"memory.remember\"]}"));
        a.context.actions().register("con_SHOP", new ActionSpec("order.get", "Looks an order up",
                Json.parse("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},"
                        + "\"required\":[\"id\"]}")),
                (in, cause) -> new ActionResult.Delivered("o-77", Json.object().put("status", "shipped")));
        claude.enqueue(Reply.toolUse("toolu_01A", "order_get__SHOP", "{\"id\":\"77\"}"),
                Reply.text("Seu pedido 77 já foi enviado."));

        a.say("Cadê meu pedido 77?");

        assertThat(a.replies()).extracting(Agents::text).containsExactly("Seu pedido 77 já foi enviado.");
        JsonNode firstAsk = claude.requestBodies().get(0);
        assertThat(firstAsk.at("/tools/0/name").asText()).isEqualTo("order_get__SHOP");
        assertThat(firstAsk.at("/tools/0/input_schema/properties/id/type").asText()).isEqualTo("string");
        assertThat(firstAsk.at("/tools/0/input_schema/required/0").asText()).isEqualTo("id");
        assertThat(firstAsk.at("/tool_choice/type").asText()).isEqualTo("auto");
        JsonNode second = claude.requestBodies().get(1).get("messages");
        assertThat(second).extracting(m -> m.get("role").asText()).containsExactly("user", "assistant", "user");
        assertThat(second.at("/1/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(second.at("/1/content/0/id").asText()).isEqualTo("toolu_01A");
        assertThat(second.at("/1/content/0/input/id").asText()).isEqualTo("77");
        assertThat(second.at("/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(second.at("/2/content/0/tool_use_id").asText()).isEqualTo("toolu_01A");
        assertThat(second.at("/2/content/0/content").asText()).contains("shipped");
        assertThat(a.notes()).anySatisfy(n -> assertThat(n.path("outcome").asText()).isEqualTo("delivered"));
    }

    @Test
    void an_overloaded_claude_hands_over_to_gemini_through_its_openai_compatible_endpoint() {
        Agents a = new Agents(openai, chain(claudeProvider(), geminiProvider()));
        claude.enqueue(Reply.overloaded());
        gemini.enqueue(FakeChatCompletions.Answer.text("Gemini aqui."));

        a.say("oi");

        assertThat(a.replies()).extracting(Agents::text).containsExactly("Gemini aqui.");
        Recorded sent = gemini.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1beta/openai/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer AIza-fake-gemini-key-0123456789");
        assertThat(sent.bodyJson().get("model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(a.context.recordedMetrics())
                .contains("agent.provider.failovers[provider,anthropic,reason,overloaded]");
    }

    @Test
    void a_rate_limited_gemini_last_in_the_chain_is_retried_and_then_the_hub_retries() {
        Agents a = new Agents(openai, chain(claudeProvider(), geminiProvider()));
        claude.enqueue(Reply.rateLimited(30));
        gemini.rateLimitFor(Duration.ofMinutes(1));

        ActionResult r = a.say("oi");

        assertThat(r).isInstanceOf(ActionResult.Retry.class);
        assertThat(((ActionResult.Retry) r).reason()).contains("gemini").contains("429");
        assertThat(gemini.requests()).as("the last provider keeps its retries").hasSize(2);
        assertThat(a.replies()).isEmpty();
        assertThat(a.context.recordedMetrics())
                .contains("agent.provider.failovers[provider,anthropic,reason,rate_limited]");
    }

    @Test
    void claude_hands_the_conversation_to_a_human_as_the_openai_model_does() {
        Agents a = new Agents(openai, chain(claudeProvider()).replace("}]}", "}],\"tools\":[\"handoff.human\"],"
                + "\"handoff\":{\"reply\":\"Vou chamar um atendente.\"}}"));
        claude.enqueue(Reply.toolUse("toolu_02B", "handoff_human", "{\"reason\":\"quer negociar desconto\"}"));

        a.say("Quero falar sobre um desconto grande");

        assertThat(a.replies()).extracting(Agents::text).containsExactly("Vou chamar um atendente.");
        assertThat(a.notes()).anySatisfy(n -> assertThat(n.path("handoff").asText()).isEqualTo("human"));
        assertThat(a.context.conversations().get(Agents.KEY).orElseThrow().state().name()).isEqualTo("HUMAN");
        assertThat(claude.requests()).hasSize(1);
    }

    @Test
    void health_names_every_provider_and_stays_up_while_one_answers() {
        Agents a = new Agents(openai, chain(openaiProvider(), claudeProvider().replace(claude.apiKey(),
                "sk-ant-wrong-key")));

        var health = a.agent.health();

        assertThat(health.status()).isEqualTo(io.ponte.api.connector.Health.Status.UP);
        assertThat(health.detail()).contains("gpt-4o-mini is available at 127.0.0.1")
                .contains("anthropic: the provider refused the API key (401)").doesNotContain("sk-ant-wrong-key");
        assertThat(claude.requests(r -> r.path().equals("/v1/models/claude-haiku-4-5"))).hasSize(1);
    }

    @Test
    void reads_the_providers_and_names_each_bad_entry_without_echoing_a_key() {
        OpenAiAgentConfig c = OpenAiAgentConfig.from(TestConnectorContext.of(new OpenAiAgentConnectorFactory(),
                chain(openaiProvider(), claudeProvider())).config());
        assertThat(c.providers()).extracting(p -> p.kind().id()).containsExactly("openai", "anthropic");
        assertThat(c.providers().get(1).maxTokens()).isEqualTo(512);
        assertThat(c.toString()).doesNotContain(claude.apiKey()).doesNotContain(openai.apiKey());
        assertThat(OpenAiAgentConfig.from(TestConnectorContext.of(new OpenAiAgentConnectorFactory(),
                "{\"providers\":[{\"kind\":\"anthropic\",\"apiKey\":\"sk-ant-x\",\"model\":\"claude-sonnet-4-5\"}]}")
                .config()).providers().get(0).baseUrl().toString()).isEqualTo("https://api.anthropic.com");

        assertThatThrownBy(() -> OpenAiAgentConfig.from(TestConnectorContext.of(new OpenAiAgentConnectorFactory(), """
                {"apiKey":"sk-flat","providers":[{"kind":"mistral","apiKey":"sk-secret 1","model":""},
                  {"kind":"anthropic","apiKey":"sk-ant-secret","model":"claude","baseUrl":"ftp://x","maxTokens":0,
                   "region":"eu"}]}""").config()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContainingAll("apiKey: must be left out", "providers[0].kind", "providers[0].apiKey",
                        "providers[0].model", "providers[1].baseUrl", "providers[1].maxTokens", "providers[1].region")
                .hasMessageNotContaining("sk-secret 1").hasMessageNotContaining("sk-ant-secret");
        assertThatThrownBy(() -> OpenAiAgentConfig.from(TestConnectorContext.of(new OpenAiAgentConnectorFactory(),
                "{}").config())).hasMessageContaining("apiKey: is required (or set providers)");
        assertThat(new OpenAiAgentConnectorFactory().descriptor().config().field("providers").orElseThrow().secret())
                .isTrue();
        assertThat(List.of(c.providers().get(0).toString(), c.providers().get(1).toString()))
                .allSatisfy(s -> assertThat(s).contains("apiKey=***"));
    }
}
