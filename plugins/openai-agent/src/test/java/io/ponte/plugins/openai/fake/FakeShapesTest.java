package io.ponte.plugins.openai.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake answers in the shapes of OpenAI's own examples and observed errors (src/test/resources/openai-agent). */
class FakeShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeChatCompletions fake = new FakeChatCompletions();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> post(String key, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl()
                        + "/chat/completions")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void a_text_answer_has_every_field_of_the_documented_example() throws Exception {
        JsonNode example = FakeChatCompletions.fixture("chat-completion-response.json");
        fake.enqueue(FakeChatCompletions.Answer.text("Hello!"));
        JsonNode answer = JSON.readTree(post(fake.apiKey(), "{\"model\":\"gpt-4o-mini\",\"messages\":[]}").body());

        assertThat(keys(answer)).containsAll(keys(example));
        assertThat(keys(answer.at("/choices/0"))).containsExactlyInAnyOrderElementsOf(keys(example.at("/choices/0")));
        assertThat(keys(answer.at("/choices/0/message")))
                .containsExactlyInAnyOrderElementsOf(keys(example.at("/choices/0/message")));
        assertThat(keys(answer.get("usage"))).containsExactlyInAnyOrderElementsOf(keys(example.get("usage")));
        assertThat(answer.get("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void a_tool_call_answer_has_the_shape_of_the_functions_example() throws Exception {
        JsonNode example = FakeChatCompletions.fixture("chat-completion-tools-response.json");
        fake.enqueue(FakeChatCompletions.Answer.toolCall("call_abc123", "get_current_weather",
                "{\n\"location\": \"Boston, MA\"\n}"));
        JsonNode answer = JSON.readTree(post(fake.apiKey(), "{\"model\":\"gpt-4o-mini\",\"messages\":[]}").body());

        assertThat(answer.at("/choices/0/message/tool_calls")).isEqualTo(example.at("/choices/0/message/tool_calls"));
        assertThat(answer.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void a_wrong_key_gets_the_observed_401_and_a_rate_limit_its_headers() throws Exception {
        HttpResponse<String> refused = post("sk-nope", "{\"model\":\"m\",\"messages\":[]}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");

        fake.enqueue(FakeChatCompletions.Answer.rateLimited(1500L, 2));
        HttpResponse<String> limited = post(fake.apiKey(), "{\"model\":\"m\",\"messages\":[]}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after-ms")).hasValue("1500");
        assertThat(limited.headers().firstValue("retry-after")).hasValue("2");
        assertThat(limited.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("652");
        assertThat(keys(JSON.readTree(limited.body()).get("error"))).containsExactly("message", "type", "param",
                "code");
        assertThat(fake.requestBodies()).hasSize(2);
    }
}
