package io.ponte.plugins.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import com.openai.models.completions.CompletionUsage;
import io.ponte.api.connector.ConnectorContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat Completions through the official OpenAI SDK: OpenAI itself, any OpenAI-compatible server, and Gemini through
 * Google's OpenAI-compatible endpoint ({@code .../v1beta/openai}). One client per provider and connection, sending
 * through the hub's HTTP client ({@link HubHttpTransport}); the SDK's retries are off ({@link ModelCaller} does
 * them). Errors are classified by status and OpenAI's {@code error.code} / {@code error.type}; Gemini's error body
 * (a JSON array {@code [{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}]}) carries no OpenAI code, so its
 * status decides.
 */
final class OpenAiChat implements ChatProvider {

    private final String kind;
    private final String host;
    private final OpenAIClient client;
    private final Clock clock;

    OpenAiChat(ProviderSettings settings, ConnectorContext context) {
        this.kind = settings.kind().id();
        this.host = settings.baseUrl().getHost();
        this.clock = context.clock();
        this.client = new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(new HubHttpTransport(context, settings.timeout()))
                .apiKey(settings.apiKey()).baseUrl(settings.baseUrl().toString())
                .timeout(settings.timeout()).maxRetries(0).build());
    }

    /** The SDK client (tests drive its asynchronous calls). */
    OpenAIClient client() {
        return client;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public Chat.Answer complete(String model, Chat.Request request) {
        ChatCompletion completion = call(() -> client.chat().completions().create(params(model, request)));
        if (completion.choices().isEmpty()) {
            return answer(null, List.of(), completion);
        }
        ChatCompletionMessage message = completion.choices().get(0).message();
        List<Chat.ToolCall> calls = new ArrayList<>();
        for (ChatCompletionMessageToolCall call : message.toolCalls().orElse(List.of())) {
            call.function().ifPresent(fn -> calls.add(new Chat.ToolCall(fn.id(), fn.function().name(),
                    fn.function().arguments())));
        }
        return answer(message.content().orElse(null), calls, completion);
    }

    @Override
    public void lookUp(String model) {
        call(() -> client.models().retrieve(model));
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (OpenAIServiceException e) {
            String code = e.code().orElse("");
            String type = e.type().orElse("");
            // insufficient_quota comes as the code, and on some servers only as the type
            String said = "insufficient_quota".equals(type) ? type : code.isEmpty() ? type : code;
            throw ProviderFailure.answered(e.statusCode(), said,
                    ProviderFailure.headers(e.headers().names(), e.headers()::values), clock.instant());
        } catch (OpenAIIoException | OpenAIRetryableException e) {
            throw ProviderFailure.noAnswer(e);
        } catch (OpenAIException e) {
            throw ProviderFailure.unreadable(e);
        }
    }

    private static Chat.Answer answer(String text, List<Chat.ToolCall> calls, ChatCompletion completion) {
        CompletionUsage u = completion.usage().orElse(null);
        return new Chat.Answer(text, calls, u != null, u == null ? 0 : u.promptTokens(),
                u == null ? 0 : u.completionTokens(), completion.model());
    }

    static ChatCompletionCreateParams params(String model, Chat.Request request) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model)
                .messages(messages(request.messages()));
        if (request.temperature() != null) {
            b.temperature(request.temperature());
        }
        if (!request.tools().isEmpty()) {
            b.tools(request.tools().stream().map(OpenAiChat::tool).toList());
            b.toolChoice(request.toolsOff() ? ChatCompletionToolChoiceOption.Auto.NONE
                    : ChatCompletionToolChoiceOption.Auto.AUTO);
        }
        return b.build();
    }

    private static List<ChatCompletionMessageParam> messages(List<Chat.Message> chat) {
        List<ChatCompletionMessageParam> out = new ArrayList<>();
        for (Chat.Message m : chat) {
            out.add(switch (m) {
                case Chat.System s -> ChatCompletionMessageParam.ofSystem(ChatCompletionSystemMessageParam.builder()
                        .content(s.text()).build());
                case Chat.User u -> ChatCompletionMessageParam.ofUser(ChatCompletionUserMessageParam.builder()
                        .content(u.text()).build());
                case Chat.Assistant a -> ChatCompletionMessageParam.ofAssistant(assistant(a));
                case Chat.ToolResult r -> ChatCompletionMessageParam.ofTool(ChatCompletionToolMessageParam.builder()
                        .toolCallId(r.callId()).content(r.text()).build());
            });
        }
        return out;
    }

    private static ChatCompletionAssistantMessageParam assistant(Chat.Assistant a) {
        ChatCompletionAssistantMessageParam.Builder b = ChatCompletionAssistantMessageParam.builder();
        if (a.text() != null) {
            b.content(a.text());
        }
        if (!a.calls().isEmpty()) {
            b.toolCalls(a.calls().stream().map(c -> ChatCompletionMessageToolCall.ofFunction(
                    ChatCompletionMessageFunctionToolCall.builder().id(c.id())
                            .function(ChatCompletionMessageFunctionToolCall.Function.builder().name(c.name())
                                    .arguments(c.arguments()).build()).build())).toList());
        }
        return b.build();
    }

    private static ChatCompletionTool tool(Chat.ToolDef def) {
        FunctionParameters.Builder params = FunctionParameters.builder();
        def.schema().properties().forEach(e -> params.putAdditionalProperty(e.getKey(),
                JsonValue.fromJsonNode(e.getValue())));
        return ChatCompletionTool.ofFunction(ChatCompletionFunctionTool.builder().function(FunctionDefinition
                .builder().name(def.name()).description(def.description()).parameters(params.build()).build())
                .build());
    }
}
