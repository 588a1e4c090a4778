package io.ponte.plugins.openai.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local fake of OpenAI's Chat Completions API (on the testkit's {@link FakeProvider}), speaking its wire format:
 * {@code POST /v1/chat/completions} answered with a {@code chat.completion} object (id, object, created, model,
 * choices with {@code message {role, content, refusal, annotations, tool_calls?}} and {@code finish_reason},
 * usage) or with the error envelope {@code {"error":{"message","type","param","code"}}}, and
 * {@code GET /v1/models/{model}}. Without {@code Authorization: Bearer <key>} every call gets the observed 401
 * {@code invalid_api_key} body.
 *
 * <p>Answers are scripted: {@link #enqueue(Answer...)} (any model) and {@link #enqueueFor} (one model) queue
 * {@link Answer}s — text, tool calls, 429 rate limits with {@code retry-after-ms} / {@code retry-after} and
 * {@code x-ratelimit-*} headers, 429 {@code insufficient_quota}, 500, 503, a 302 redirect, each optionally
 * delayed (for timeouts); {@link #failModel} makes one model fail on every call. With nothing queued the fake says
 * {@link #DEFAULT_TEXT}.
 *
 * <pre>{@code
 * try (FakeChatCompletions openai = new FakeChatCompletions()) {
 *     // agent config: {"apiKey": openai.apiKey(), "baseUrl": openai.baseUrl()}
 *     openai.enqueue(FakeChatCompletions.Answer.text("Olá!"));
 *     ... openai.lastRequest().get("messages") ...
 * }
 * }</pre>
 * Thread-safe.
 */
public final class FakeChatCompletions extends FakeProvider {

    /** The key {@link #FakeChatCompletions()} accepts. Made up. */
    public static final String DEFAULT_KEY = "sk-fake-ponte-0123456789abcdefABCDEF";
    /** What the fake says when nothing is queued. */
    public static final String DEFAULT_TEXT = "Hello from the fake.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANY = "*";
    /** Gemini's OpenAI-compatible path ({@code https://generativelanguage.googleapis.com/v1beta/openai/}). */
    public static final String GEMINI_PREFIX = "/v1beta/openai";

    /**
     * One tool call in a scripted answer.
     *
     * @param id        the call id ({@code call_...})
     * @param name      the function name
     * @param arguments the JSON-encoded arguments string, as OpenAI sends it
     */
    public record ToolCall(String id, String name, String arguments) {
    }

    /**
     * One scripted chat answer: a status, headers, a body (null: the {@code chat.completion} built for the
     * request's model), a delay.
     */
    public static final class Answer {
        private final int status;
        private final Map<String, String> headers;
        private final JsonNode body;
        private final String text;
        private final List<ToolCall> toolCalls;
        private final int promptTokens;
        private final int completionTokens;
        private final Duration delay;

        private Answer(int status, Map<String, String> headers, JsonNode body, String text, List<ToolCall> toolCalls,
                       int promptTokens, int completionTokens, Duration delay) {
            this.status = status;
            this.headers = Map.copyOf(headers);
            this.body = body;
            this.text = text;
            this.toolCalls = List.copyOf(toolCalls);
            this.promptTokens = promptTokens;
            this.completionTokens = completionTokens;
            this.delay = delay;
        }

        /** A text answer ({@code finish_reason: stop}), 10 prompt and 5 completion tokens. */
        public static Answer text(String text) {
            return new Answer(200, Map.of(), null, text, List.of(), 10, 5, Duration.ZERO);
        }

        /** Tool calls ({@code content: null}, {@code finish_reason: tool_calls}). */
        public static Answer toolCalls(ToolCall... calls) {
            return new Answer(200, Map.of(), null, null, List.of(calls), 20, 8, Duration.ZERO);
        }

        /** A call of one tool with JSON arguments. */
        public static Answer toolCall(String id, String name, String argumentsJson) {
            return toolCalls(new ToolCall(id, name, argumentsJson));
        }

        /**
         * 429 {@code rate_limit_exceeded} (the observed body) with the rate-limit headers.
         *
         * @param retryAfterMs      the {@code retry-after-ms} header, or null for none
         * @param retryAfterSeconds the {@code retry-after} header, or null for none
         */
        public static Answer rateLimited(Long retryAfterMs, Integer retryAfterSeconds) {
            Map<String, String> h = new LinkedHashMap<>();
            if (retryAfterMs != null) {
                h.put("retry-after-ms", String.valueOf(retryAfterMs));
            }
            if (retryAfterSeconds != null) {
                h.put("retry-after", String.valueOf(retryAfterSeconds));
            }
            h.put("x-ratelimit-limit-requests", "60");
            h.put("x-ratelimit-limit-tokens", "10000");
            h.put("x-ratelimit-remaining-requests", "59");
            h.put("x-ratelimit-remaining-tokens", "652");
            h.put("x-ratelimit-reset-requests", "1s");
            h.put("x-ratelimit-reset-tokens", "26.604s");
            return new Answer(429, h, fixture("error-429-rate-limit.OBSERVED.json"), null, List.of(), 0, 0,
                    Duration.ZERO);
        }

        /** 429 {@code insufficient_quota} (the observed body): a billing problem, not to be retried. */
        public static Answer insufficientQuota() {
            return new Answer(429, Map.of(), fixture("error-429-insufficient-quota.OBSERVED.json"), null, List.of(),
                    0, 0, Duration.ZERO);
        }

        /** A server error, 500 or 503 (or any status), with the error envelope. */
        public static Answer serverError(int status) {
            String message = status == 503 ? "The engine is currently overloaded, please try again later."
                    : "The server had an error while processing your request. Sorry about that!";
            return error(status, message, "server_error", null);
        }

        /** Any error status with the error envelope. */
        public static Answer error(int status, String message, String type, String code) {
            ObjectNode e = JSON.createObjectNode();
            ObjectNode inner = e.putObject("error");
            inner.put("message", message).put("type", type).putNull("param");
            if (code == null) {
                inner.putNull("code");
            } else {
                inner.put("code", code);
            }
            return new Answer(status, Map.of(), e, null, List.of(), 0, 0, Duration.ZERO);
        }

        /** A redirect ({@code 302}, {@code Location}) to another URL, with an empty JSON body. */
        public static Answer redirect(String location) {
            return new Answer(302, Map.of("Location", location), JSON.createObjectNode(), null, List.of(), 0, 0,
                    Duration.ZERO);
        }

        /** This answer, sent only after a delay (longer than the client's timeout: a timeout). */
        public Answer after(Duration delay) {
            return new Answer(status, headers, body, text, toolCalls, promptTokens, completionTokens, delay);
        }

        /** This answer with other token counts in {@code usage}. */
        public Answer usage(int prompt, int completion) {
            return new Answer(status, headers, body, text, toolCalls, prompt, completion, delay);
        }
    }

    private final String apiKey;
    private final String prefix;
    private final String chatPath;
    private final String modelsPath;
    private final AtomicLong simulatedMillis = new AtomicLong();
    private volatile long limitedUntilMillis;
    private final Map<String, Deque<Answer>> queues = new ConcurrentHashMap<>();
    private final Map<String, Integer> failingModels = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Starts a fake that accepts {@link #DEFAULT_KEY}. */
    public FakeChatCompletions() {
        this(DEFAULT_KEY);
    }

    /** Starts a fake that accepts this key. */
    public FakeChatCompletions(String apiKey) {
        this(apiKey, "/v1");
    }

    private FakeChatCompletions(String apiKey, String prefix) {
        this.apiKey = apiKey;
        this.prefix = prefix;
        this.chatPath = prefix + "/chat/completions";
        this.modelsPath = prefix + "/models/";
    }

    /**
     * A fake of Gemini's OpenAI-compatible endpoint: the same protocol under {@link #GEMINI_PREFIX}, and a rate limit
     * ({@link #rateLimitFor}) answered with Gemini's own error body, a JSON array
     * {@code [{"error":{"code":429,"message":...,"status":"RESOURCE_EXHAUSTED"}}]}.
     */
    public static FakeChatCompletions gemini(String apiKey) {
        return new FakeChatCompletions(apiKey, GEMINI_PREFIX);
    }

    /** {@code http://127.0.0.1:<port>/v1} (or the Gemini prefix): the agent's {@code baseUrl}. */
    public String baseUrl() {
        return root() + prefix;
    }

    /**
     * Answers every chat request with a 429 rate limit until {@code window} of the fake's simulated time has
     * passed ({@link #advance}); its {@code retry-after} header says the whole seconds left.
     */
    public FakeChatCompletions rateLimitFor(Duration window) {
        limitedUntilMillis = simulatedMillis.get() + window.toMillis();
        return this;
    }

    /** Moves the fake's simulated clock on (ending a {@link #rateLimitFor} window without waiting for it). */
    public void advance(Duration by) {
        simulatedMillis.addAndGet(by.toMillis());
    }

    /** The key this fake accepts. */
    public String apiKey() {
        return apiKey;
    }

    /** Queues answers for requests of any model (after the model's own queue is empty). */
    public FakeChatCompletions enqueue(Answer... answers) {
        return enqueueFor(ANY, answers);
    }

    /** Queues answers for requests of one model. */
    public FakeChatCompletions enqueueFor(String model, Answer... answers) {
        Deque<Answer> q = queues.computeIfAbsent(model, m -> new ArrayDeque<>());
        synchronized (q) {
            q.addAll(List.of(answers));
        }
        return this;
    }

    /** Makes every request for {@code model} fail with this status (429 is a rate limit without retry headers). */
    public FakeChatCompletions failModel(String model, int status) {
        failingModels.put(model, status);
        return this;
    }

    /** Every {@code /chat/completions} request, in order; model look-ups are left out ({@link #requests(
     * java.util.function.Predicate)} sees every request). */
    @Override
    public List<Recorded> requests() {
        return requests(r -> r.path().equals(chatPath));
    }

    /** The bodies of every {@code /chat/completions} request, in order. */
    public List<JsonNode> requestBodies() {
        return requests().stream().map(Recorded::bodyJson).toList();
    }

    /** The last {@code /chat/completions} request body. */
    public JsonNode lastRequest() {
        List<JsonNode> all = requestBodies();
        if (all.isEmpty()) {
            throw new IllegalStateException("no chat completions request received");
        }
        return all.get(all.size() - 1);
    }

    /** The {@code model} of every chat request, in order. */
    public List<String> requestedModels() {
        return requestBodies().stream().map(b -> b.path("model").asText()).toList();
    }

    /** Forgets the requests, the scripted answers and the failing models. */
    @Override
    public void reset() {
        super.reset();
        queues.clear();
        failingModels.clear();
    }

    @Override
    protected io.ponte.testkit.fake.Answer answer(Recorded request) {
        if (!("Bearer " + apiKey).equals(request.header("Authorization"))) {
            return send(401, Map.of(), fixture("error-401-invalid-api-key.OBSERVED.json"));
        }
        if ("POST".equals(request.method()) && request.path().equals(chatPath)) {
            return chat(request);
        }
        if ("GET".equals(request.method()) && request.path().startsWith(modelsPath)) {
            return send(200, Map.of(), JSON.createObjectNode().put("id", request.path().substring(modelsPath.length()))
                    .put("object", "model").put("created", 1686935002L).put("owned_by", "openai"));
        }
        return send(404, Map.of(), Answer.error(404, "Invalid URL (" + request.method() + " " + request.path() + ")",
                "invalid_request_error", null).body);
    }

    private io.ponte.testkit.fake.Answer chat(Recorded request) {
        JsonNode body = parse(request);
        if (body == null || !body.isObject() || !body.path("messages").isArray()) {
            return send(400, Map.of(), Answer.error(400, "We could not parse the JSON body of your request.",
                    "invalid_request_error", null).body);
        }
        String model = body.path("model").asText();
        long left = limitedUntilMillis - simulatedMillis.get();
        if (left > 0) {
            int seconds = (int) ((left + 999) / 1000);
            return prefix.equals(GEMINI_PREFIX) ? send(429, Map.of(),
                    resourceExhausted()) : send(429, Answer.rateLimited(null, seconds).headers,
                    Answer.rateLimited(null, seconds).body);
        }
        Integer failing = failingModels.get(model);
        Answer answer = failing != null
                ? (failing == 429 ? Answer.rateLimited(null, null) : Answer.serverError(failing))
                : next(model);
        return send(answer.status, answer.headers, answer.body != null ? answer.body : completion(model, answer))
                .after(answer.delay);
    }

    private Answer next(String model) {
        for (String key : List.of(model, ANY)) {
            Deque<Answer> q = queues.get(key);
            if (q != null) {
                synchronized (q) {
                    if (!q.isEmpty()) {
                        return q.poll();
                    }
                }
            }
        }
        return Answer.text(DEFAULT_TEXT);
    }

    private ObjectNode completion(String model, Answer a) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", "chatcmpl-fake" + ids.incrementAndGet());
        c.put("object", "chat.completion");
        c.put("created", 1741569952L + ids.get());
        c.put("model", model);
        ArrayNode choices = c.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (a.toolCalls.isEmpty()) {
            message.put("content", a.text);
        } else {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall t : a.toolCalls) {
                ObjectNode call = calls.addObject().put("id", t.id()).put("type", "function");
                call.putObject("function").put("name", t.name()).put("arguments", t.arguments());
            }
        }
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", a.toolCalls.isEmpty() ? "stop" : "tool_calls");
        ObjectNode usage = c.putObject("usage");
        usage.put("prompt_tokens", a.promptTokens).put("completion_tokens", a.completionTokens)
                .put("total_tokens", a.promptTokens + a.completionTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        c.put("service_tier", "default");
        c.put("system_fingerprint", "fp_fake");
        return c;
    }

    /** Gemini's error body: an array of one error object, in Google's API error shape. */
    private static JsonNode resourceExhausted() {
        ArrayNode list = JSON.createArrayNode();
        list.addObject().putObject("error").put("code", 429)
                .put("message", "Resource has been exhausted (e.g. check quota).").put("status", "RESOURCE_EXHAUSTED");
        return list;
    }

    /** A JSON answer with OpenAI's request id header. */
    private static io.ponte.testkit.fake.Answer send(int status, Map<String, String> headers, JsonNode body) {
        io.ponte.testkit.fake.Answer answer = io.ponte.testkit.fake.Answer.json(status, body)
                .withHeader("x-request-id", "req_fake" + System.nanoTime());
        for (Map.Entry<String, String> h : headers.entrySet()) {
            answer = answer.withHeader(h.getKey(), h.getValue());
        }
        return answer;
    }

    private static JsonNode parse(Recorded request) {
        try {
            return request.body().length == 0 ? null : JSON.readTree(request.body());
        } catch (IOException e) {
            return null;
        }
    }

    static JsonNode fixture(String name) {
        try (InputStream in = FakeChatCompletions.class.getResourceAsStream("/openai-agent/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " is missing from the test resources");
            }
            return JSON.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
