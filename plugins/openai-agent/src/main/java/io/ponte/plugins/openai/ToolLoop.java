package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * rounds of tool calls, then one last call with {@code tool_choice: none} for the text answer. The chat is the
 * provider-neutral {@link Chat}, so a round may go on with another provider of the chain. Every tool call is
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

    /** Turns prompt messages into the chat. */
    static List<Chat.Message> chat(List<PromptBuilder.PromptMessage> prompt) {
        List<Chat.Message> out = new ArrayList<>();
        for (PromptBuilder.PromptMessage m : prompt) {
            out.add(switch (m.role()) {
                case "system" -> new Chat.System(m.content());
                case "assistant" -> new Chat.Assistant(m.content(), List.of());
                default -> new Chat.User(m.content());
            });
        }
        return out;
    }

    Result run(Turn turn, List<PromptBuilder.PromptMessage> prompt, ToolBox tools, Qualification qualification,
               Usage usage) {
        List<Chat.Message> messages = chat(prompt);
        int slot = 0;
        for (int round = 0; ; round++) {
            boolean last = round >= MAX_ROUNDS;
            ModelCaller.Outcome outcome = caller.complete(new Chat.Request(messages, tools.definitions(), last,
                    config.temperature()), slot);
            if (!(outcome instanceof ModelCaller.Outcome.Answer answer)) {
                return new Result.NoModel(outcome);
            }
            slot = answer.slot();
            Chat.Answer said = answer.answer();
            usage.add(answer.provider(), answer.model(), said);
            if (said.calls().isEmpty() || last) {
                return new Result.Text(said.text());
            }
            messages.add(new Chat.Assistant(said.text(), said.calls()));
            for (Chat.ToolCall call : said.calls()) {
                String name = call.name();
                JsonNode args = Json.tryParse(call.arguments());
                ObjectNode note = Json.object().put("tool", name);
                note.set("input", args == null ? Json.object() : args);
                String result = execute(turn, name, args, tools, qualification, note);
                // stored as soon as the tool ran, one per call: a retry's calls are duplicates
                turn.emit(List.of(Replies.inConversation(turn.inbound(), EnvelopeTypes.CONVERSATION_NOTE,
                        new GenericPayload(note), "tool:" + turn.inbound().id() + ":" + call.id())));
                if (name.equals(ToolBox.HANDOFF) && tools.tool(name).isPresent()) {
                    String reason = args == null ? "" : args.path("reason").asText("");
                    return new Result.HandedOff(reason.isBlank() ? "the model handed over" : reason);
                }
                messages.add(new Chat.ToolResult(call.id(), result));
            }
        }
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
