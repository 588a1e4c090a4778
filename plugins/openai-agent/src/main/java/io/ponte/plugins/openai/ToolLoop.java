package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.Actions;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.Replies;
import io.ponte.kit.agent.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model's turn: ask, run the tools it calls, give it their results, ask again — at most {@link #MAX_ROUNDS}
 * rounds of tool calls, then one last call with {@code tool_choice: none} for the text answer. Every tool call is
 * recorded as a {@code conversation.note} as soon as it ran. A failing or unknown tool does not fail the reply:
 * the model gets the error text. {@code handoff_human} ends the turn at once.
 */
final class ToolLoop {

    static final int MAX_ROUNDS = 4;

    /** How the model's turn ended. */
    sealed interface Result {
        /** The model's text answer ({@code text} may be null or blank when it gave none). */
        record Text(String text) implements Result {
        }

        /** The model called {@code handoff_human}. */
        record HandedOff(String reason) implements Result {
        }

        /** No model answered. */
        record NoModel(ModelCaller.Outcome outcome) implements Result {
        }
    }

    private final OpenAiAgentConfig config;
    private final ModelCaller caller;
    private final Actions actions;
    private final Memory memory;

    ToolLoop(OpenAiAgentConfig config, ModelCaller caller, Actions actions, Memory memory) {
        this.config = config;
        this.caller = caller;
        this.actions = actions;
        this.memory = memory;
    }

    /** Converts prompt messages to the SDK's. */
    static List<ChatCompletionMessageParam> params(List<PromptBuilder.PromptMessage> prompt) {
        List<ChatCompletionMessageParam> out = new ArrayList<>();
        for (PromptBuilder.PromptMessage m : prompt) {
            out.add(switch (m.role()) {
                case "system" -> ChatCompletionMessageParam.ofSystem(ChatCompletionSystemMessageParam.builder()
                        .content(m.content()).build());
                case "assistant" -> ChatCompletionMessageParam.ofAssistant(ChatCompletionAssistantMessageParam
                        .builder().content(m.content()).build());
                default -> ChatCompletionMessageParam.ofUser(ChatCompletionUserMessageParam.builder()
                        .content(m.content()).build());
            });
        }
        return out;
    }

    Result run(Turn turn, List<PromptBuilder.PromptMessage> prompt, ToolBox tools, Qualification qualification,
               Usage usage) {
        List<ChatCompletionMessageParam> messages = params(prompt);
        int modelIndex = 0;
        for (int round = 0; ; round++) {
            boolean last = round >= MAX_ROUNDS;
            ModelCaller.Outcome outcome = caller.complete(model -> request(model, messages, tools, last),
                    modelIndex);
            if (!(outcome instanceof ModelCaller.Outcome.Answer answer)) {
                return new Result.NoModel(outcome);
            }
            modelIndex = answer.modelIndex();
            ChatCompletion completion = answer.completion();
            usage.add(answer.model(), completion);
            if (completion.choices().isEmpty()) {
                return new Result.Text(null);
            }
            ChatCompletionMessage message = completion.choices().get(0).message();
            List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
            if (calls.isEmpty() || last) {
                return new Result.Text(message.content().orElse(null));
            }
            messages.add(ChatCompletionMessageParam.ofAssistant(message.toParam()));
            for (ChatCompletionMessageToolCall call : calls) {
                Optional<ChatCompletionMessageFunctionToolCall> fn = call.function();
                if (fn.isEmpty()) {
                    continue;
                }
                String id = fn.get().id();
                String name = fn.get().function().name();
                JsonNode args = Json.tryParse(fn.get().function().arguments());
                ObjectNode note = Json.object().put("tool", name);
                note.set("input", args == null ? Json.object() : args);
                String result = execute(turn, name, args, tools, qualification, note);
                // stored as soon as the tool ran, one per call: a retry's calls are duplicates
                turn.emit(List.of(Replies.inConversation(turn.inbound(), EnvelopeTypes.CONVERSATION_NOTE,
                        new GenericPayload(note), "tool:" + turn.inbound().id() + ":" + id)));
                if (name.equals(ToolBox.HANDOFF) && tools.tool(name).isPresent()) {
                    String reason = args == null ? "" : args.path("reason").asText("");
                    return new Result.HandedOff(reason.isBlank() ? "the model handed over" : reason);
                }
                messages.add(ChatCompletionMessageParam.ofTool(ChatCompletionToolMessageParam.builder()
                        .toolCallId(id).content(result).build()));
            }
        }
    }

    private ChatCompletionCreateParams request(String model, List<ChatCompletionMessageParam> messages,
                                               ToolBox tools, boolean last) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model)
                .messages(List.copyOf(messages));
        if (config.temperature() != null) {
            b.temperature(config.temperature());
        }
        if (!tools.definitions().isEmpty()) {
            b.tools(tools.definitions());
            b.toolChoice(last ? ChatCompletionToolChoiceOption.Auto.NONE : ChatCompletionToolChoiceOption.Auto.AUTO);
        }
        return b.build();
    }

    /** Runs one tool call; fills the note's outcome and returns the text the model gets back. */
    private String execute(Turn turn, String name, JsonNode args, ToolBox tools, Qualification qualification,
                           ObjectNode note) {
        Optional<ToolBox.Tool> tool = tools.tool(name);
        if (tool.isEmpty()) {
            note.put("outcome", "unknown_tool");
            return "error: there is no tool named " + name;
        }
        if (args == null || !args.isObject()) {
            note.put("outcome", "error").put("error", "arguments are not a JSON object");
            return "error: the arguments must be a JSON object";
        }
        ToolBox.Tool t = tool.get();
        if (t.connection() == null) {
            String error = switch (name) {
                case ToolBox.HANDOFF -> null;
                case ToolBox.REMEMBER -> memory.remember(turn.conversation(), args.path("key").asText(null),
                        args.path("value").isValueNode() ? args.path("value").asText() : null);
                case Qualification.TOOL -> qualification.record(turn, args);
                default -> "unknown built-in";
            };
            if (error != null) {
                note.put("outcome", "error").put("error", error);
                return "error: " + error;
            }
            note.put("outcome", "done");
            return name.equals(ToolBox.HANDOFF) ? "handed over" : "stored";
        }
        note.put("connection", t.connection()).put("action", t.action());
        ActionResult result;
        try {
            result = actions.invoke(t.connection(), t.action(), args, turn.inbound());
        } catch (RuntimeException e) {
            result = ActionResult.failed("the tool threw " + e.getClass().getSimpleName());
        }
        return switch (result) {
            case ActionResult.Delivered d -> {
                note.put("outcome", "delivered");
                JsonNode out = d.output() != null ? d.output()
                        : Json.object().put("delivered", true).put("externalRef", d.externalRef());
                note.set("output", out);
                yield Json.write(out);
            }
            case ActionResult.Failed f -> {
                note.put("outcome", "failed").put("error", f.reason());
                yield "error: " + f.reason();
            }
            case ActionResult.Retry r -> {
                note.put("outcome", "retry").put("error", r.reason());
                yield "temporarily unavailable, try later: " + r.reason();
            }
        };
    }
}
