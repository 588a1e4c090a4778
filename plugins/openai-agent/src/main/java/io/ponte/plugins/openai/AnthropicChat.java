package io.ponte.plugins.openai;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientImpl;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicRetryableException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoice;
import com.anthropic.models.messages.ToolChoiceAuto;
import com.anthropic.models.messages.ToolChoiceNone;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUnion;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.ConnectorContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}) through the official {@code anthropic-java} SDK, sending
 * through the hub's HTTP client ({@link AnthropicTransport}); the SDK's retries are off. The key goes as the API's
 * {@code x-api-key} header and the version as {@code anthropic-version}, set on the client's options: the SDK's
 * {@code backend(...)} setter, which would add them, is hidden from Java ({@code @JvmSynthetic}) in 3.16. The chat
 * maps as the API
 * wants it: the system messages become the top-level {@code system}; the model's tool calls are {@code tool_use}
 * blocks of an assistant message, and their results {@code tool_result} blocks of the next user message (one user
 * message for all results of a round); history that begins with our own message loses those leading assistant
 * turns (the API's conversation starts with the user). {@code max_tokens} is the provider's {@code maxTokens};
 * {@code temperature} is not sent (the SDK no longer offers it; the model's default applies). Errors are classified
 * by status and the error body's {@code error.type} ({@code rate_limit_error} 429, {@code overloaded_error} 529,
 * {@code billing_error}, ...), waits by {@code retry-after}.
 */
final class AnthropicChat implements ChatProvider {

    /** The Messages API version this plugin speaks (the {@code anthropic-version} header). */
    static final String API_VERSION = "2023-06-01";

    private final String host;
    private final long maxTokens;
    private final AnthropicClient client;
    private final Clock clock;

    AnthropicChat(ProviderSettings settings, ConnectorContext context) {
        this.host = settings.baseUrl().getHost();
        this.maxTokens = settings.maxTokens();
        this.clock = context.clock();
        this.client = new AnthropicClientImpl(ClientOptions.builder()
                .httpClient(new AnthropicTransport(context, settings.timeout()))
                .baseUrl(settings.baseUrl().toString())
                .putHeader("x-api-key", settings.apiKey())
                .putHeader("anthropic-version", API_VERSION)
                .timeout(settings.timeout()).maxRetries(0).build());
    }

    @Override
    public String kind() {
        return ProviderSettings.Kind.ANTHROPIC.id();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public Chat.Answer complete(String model, Chat.Request request) {
        Message message = call(() -> client.messages().create(params(model, request)));
        StringBuilder text = new StringBuilder();
        List<Chat.ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            block.text().ifPresent(t -> text.append(text.isEmpty() ? "" : "\n").append(t.text()));
            block.toolUse().ifPresent(t -> calls.add(new Chat.ToolCall(t.id(), t.name(),
                    Json.write(t._input().convert(JsonNode.class)))));
        }
        return new Chat.Answer(text.isEmpty() ? null : text.toString(), calls, true,
                message.usage().inputTokens(), message.usage().outputTokens(), message.model().asString());
    }

    @Override
    public void lookUp(String model) {
        call(() -> client.models().retrieve(model));
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (AnthropicServiceException e) {
            String type = errorType(e);
            throw ProviderFailure.answered(e.statusCode(), type,
                    ProviderFailure.headers(e.headers().names(), e.headers()::values), clock.instant());
        } catch (AnthropicIoException | AnthropicRetryableException e) {
            throw ProviderFailure.noAnswer(e);
        } catch (AnthropicException e) {
            throw ProviderFailure.unreadable(e);
        }
    }

    /** {@code error.type} of {@code {"type":"error","error":{"type":"overloaded_error","message":...}}}, or "". */
    private static String errorType(AnthropicServiceException e) {
        try {
            JsonNode body = e.body().convert(JsonNode.class);
            return body == null ? "" : body.path("error").path("type").asText("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    MessageCreateParams params(String model, Chat.Request request) {
        MessageCreateParams.Builder b = MessageCreateParams.builder().model(model).maxTokens(maxTokens);
        StringBuilder system = new StringBuilder();
        List<MessageParam> messages = new ArrayList<>();
        List<ContentBlockParam> results = new ArrayList<>();
        for (Chat.Message m : request.messages()) {
            if (!(m instanceof Chat.ToolResult) && !results.isEmpty()) {
                messages.add(MessageParam.ofUserOfContentBlockParams(List.copyOf(results)));
                results.clear();
            }
            switch (m) {
                case Chat.System s -> system.append(system.isEmpty() ? "" : "\n\n").append(s.text());
                case Chat.User u -> messages.add(MessageParam.ofUser(nonEmpty(u.text())));
                case Chat.Assistant a -> {
                    if (!messages.isEmpty()) {
                        messages.add(MessageParam.ofAssistantOfContentBlockParams(assistant(a)));
                    }
                }
                case Chat.ToolResult r -> results.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(r.callId()).content(nonEmpty(r.text())).build()));
            }
        }
        if (!results.isEmpty()) {
            messages.add(MessageParam.ofUserOfContentBlockParams(List.copyOf(results)));
        }
        if (!system.isEmpty()) {
            b.system(system.toString());
        }
        b.messages(messages);
        if (!request.tools().isEmpty()) {
            b.tools(request.tools().stream().map(AnthropicChat::tool).toList());
            b.toolChoice(request.toolsOff() ? ToolChoice.ofNone(ToolChoiceNone.builder().build())
                    : ToolChoice.ofAuto(ToolChoiceAuto.builder().build()));
        }
        return b.build();
    }

    private static List<ContentBlockParam> assistant(Chat.Assistant a) {
        List<ContentBlockParam> blocks = new ArrayList<>();
        if (a.text() != null && !a.text().isBlank()) {
            blocks.add(ContentBlockParam.ofText(TextBlockParam.builder().text(a.text()).build()));
        }
        for (Chat.ToolCall c : a.calls()) {
            JsonNode args = Json.tryParse(c.arguments());
            ToolUseBlockParam.Input.Builder input = ToolUseBlockParam.Input.builder();
            if (args != null && args.isObject()) {
                args.properties().forEach(e -> input.putAdditionalProperty(e.getKey(),
                        JsonValue.fromJsonNode(e.getValue())));
            }
            blocks.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id(c.id()).name(c.name())
                    .input(input.build()).build()));
        }
        if (blocks.isEmpty()) {
            blocks.add(ContentBlockParam.ofText(TextBlockParam.builder().text("…").build()));
        }
        return blocks;
    }

    private static ToolUnion tool(Chat.ToolDef def) {
        Tool.InputSchema.Builder schema = Tool.InputSchema.builder();
        Tool.InputSchema.Properties.Builder properties = Tool.InputSchema.Properties.builder();
        def.schema().path("properties").properties().forEach(e -> properties.putAdditionalProperty(e.getKey(),
                JsonValue.fromJsonNode(e.getValue())));
        schema.properties(properties.build());
        List<String> required = new ArrayList<>();
        def.schema().path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
            schema.required(required);
        }
        def.schema().properties().stream()
                .filter(e -> !e.getKey().equals("type") && !e.getKey().equals("properties")
                        && !e.getKey().equals("required"))
                .forEach(e -> schema.putAdditionalProperty(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
        return ToolUnion.ofTool(Tool.builder().name(def.name()).description(def.description())
                .inputSchema(schema.build()).build());
    }

    /** The API refuses empty text blocks. */
    private static String nonEmpty(String text) {
        return text == null || text.isBlank() ? "…" : text;
    }
}
