package io.ponte.plugins.openai.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local fake of Anthropic's Messages API (on the testkit's {@link FakeProvider}), in its wire format:
 * {@code POST /v1/messages} with the headers {@code x-api-key} and {@code anthropic-version}, answered with a
 * {@code message} object ({@code id}, {@code type:"message"}, {@code role:"assistant"}, {@code model},
 * {@code content} of {@code text} / {@code tool_use} blocks, {@code stop_reason} {@code end_turn} or
 * {@code tool_use}, {@code usage}) or with the error envelope
 * {@code {"type":"error","error":{"type":"...","message":"..."},"request_id":"req_..."}}: 401
 * {@code authentication_error} for a wrong key, 400 {@code invalid_request_error} without {@code anthropic-version}
 * or {@code max_tokens}, 429 {@code rate_limit_error} with {@code retry-after}, 529 {@code overloaded_error}; and
 * {@code GET /v1/models/{model}}. Shapes from the Messages API reference and the official SDK's models
 * ({@code anthropic-sdk-java}, {@code Message}, {@code ErrorObject}). With nothing queued it says
 * {@link #DEFAULT_TEXT}. Thread-safe.
 */
public final class FakeAnthropicMessages extends FakeProvider {

    /** The key {@link #FakeAnthropicMessages()} accepts. Made up. */
    public static final String DEFAULT_KEY = "sk-ant-fake-ponte-0123456789abcdef";
    /** What the fake says when nothing is queued. */
    public static final String DEFAULT_TEXT = "Olá! Aqui é o Claude (fake).";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = "/v1/messages";
    private static final String MODELS = "/v1/models/";

    /** One scripted answer: text, tool calls, or an error. */
    public record Reply(int status, Map<String, String> headers, String errorType, String text,
                        List<FakeChatCompletions.ToolCall> toolCalls) {

        /** A text answer ({@code stop_reason: end_turn}). */
        public static Reply text(String text) {
            return new Reply(200, Map.of(), null, text, List.of());
        }

        /** One {@code tool_use} block ({@code stop_reason: tool_use}); the arguments are a JSON object text. */
        public static Reply toolUse(String id, String name, String inputJson) {
            return new Reply(200, Map.of(), null, null, List.of(new FakeChatCompletions.ToolCall(id, name,
                    inputJson)));
        }

        /** 429 {@code rate_limit_error} with {@code retry-after} seconds. */
        public static Reply rateLimited(int retryAfterSeconds) {
            return new Reply(429, Map.of("retry-after", String.valueOf(retryAfterSeconds)), "rate_limit_error",
                    "Number of request tokens has exceeded your per-minute rate limit", List.of());
        }

        /** 529 {@code overloaded_error}. */
        public static Reply overloaded() {
            return new Reply(529, Map.of(), "overloaded_error", "Overloaded", List.of());
        }
    }

    private final String apiKey;
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();

    /** Starts a fake that accepts {@link #DEFAULT_KEY}. */
    public FakeAnthropicMessages() {
        this(DEFAULT_KEY);
    }

    /** Starts a fake that accepts this key. */
    public FakeAnthropicMessages(String apiKey) {
        this.apiKey = apiKey;
    }

    /** {@code http://127.0.0.1:<port>}: the provider's {@code baseUrl} (the API's paths start at {@code /v1}). */
    public String baseUrl() {
        return root().toString();
    }

    public String apiKey() {
        return apiKey;
    }

    /** Queues answers, first in first out. */
    public synchronized FakeAnthropicMessages enqueue(Reply... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** Every {@code POST /v1/messages} request, in order. */
    @Override
    public List<Recorded> requests() {
        return requests(r -> r.path().equals(MESSAGES));
    }

    /** The bodies of every messages request, in order. */
    public List<JsonNode> requestBodies() {
        return requests().stream().map(Recorded::bodyJson).toList();
    }

    @Override
    protected Answer answer(Recorded request) {
        if (!apiKey.equals(request.header("x-api-key"))) {
            return error(401, Map.of(), "authentication_error", "invalid x-api-key");
        }
        if (request.header("anthropic-version") == null) {
            return error(400, Map.of(), "invalid_request_error", "anthropic-version: header is required");
        }
        if ("POST".equals(request.method()) && request.path().equals(MESSAGES)) {
            return message(request);
        }
        if ("GET".equals(request.method()) && request.path().startsWith(MODELS)) {
            String id = request.path().substring(MODELS.length());
            return Answer.json(200, JSON.createObjectNode().put("type", "model").put("id", id)
                    .put("display_name", id).put("created_at", "2025-10-01T00:00:00Z"));
        }
        return error(404, Map.of(), "not_found_error", "Not found");
    }

    private Answer message(Recorded request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return error(400, Map.of(), "invalid_request_error", "There was an error parsing the body");
        }
        if (body == null || !body.path("messages").isArray() || !body.path("max_tokens").isIntegralNumber()) {
            return error(400, Map.of(), "invalid_request_error", body != null && body.has("messages")
                    ? "max_tokens: Field required" : "messages: Field required");
        }
        Reply reply;
        synchronized (this) {
            reply = queue.isEmpty() ? Reply.text(DEFAULT_TEXT) : queue.poll();
        }
        if (reply.status() != 200) {
            return error(reply.status(), reply.headers(), reply.errorType(), reply.text());
        }
        ObjectNode m = JSON.createObjectNode();
        m.put("id", "msg_fake" + ids.incrementAndGet());
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", body.path("model").asText());
        ArrayNode content = m.putArray("content");
        if (reply.text() != null) {
            content.addObject().put("type", "text").put("text", reply.text());
        }
        for (FakeChatCompletions.ToolCall call : reply.toolCalls()) {
            ObjectNode block = content.addObject().put("type", "tool_use").put("id", call.id())
                    .put("name", call.name());
            try {
                block.set("input", JSON.readTree(call.arguments()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        m.put("stop_reason", reply.toolCalls().isEmpty() ? "end_turn" : "tool_use");
        m.putNull("stop_sequence");
        ObjectNode usage = m.putObject("usage");
        usage.put("input_tokens", 25).put("output_tokens", 12).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("service_tier", "standard");
        return Answer.json(200, m).withHeader("request-id", "req_fake" + ids.get());
    }

    private Answer error(int status, Map<String, String> headers, String type, String message) {
        ObjectNode e = JSON.createObjectNode().put("type", "error");
        e.putObject("error").put("type", type).put("message", message);
        e.put("request_id", "req_fake" + ids.incrementAndGet());
        Answer answer = Answer.json(status, e).withHeader("request-id", "req_fake" + ids.get());
        for (Map.Entry<String, String> h : headers.entrySet()) {
            answer = answer.withHeader(h.getKey(), h.getValue());
        }
        return answer;
    }
}
