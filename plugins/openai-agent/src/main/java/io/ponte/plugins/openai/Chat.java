package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The chat the agent holds with a model, in no provider's shape: what {@link ToolLoop} and {@link Orchestrator}
 * build and read, and what each {@link ChatProvider} maps to its own API (OpenAI's {@code messages} with
 * {@code tool_calls} / {@code role:"tool"}, Anthropic's top-level {@code system} with {@code tool_use} /
 * {@code tool_result} blocks). So a turn that started on one provider can go on with another.
 */
final class Chat {

    private Chat() {
    }

    /**
     * One tool call the model asked for.
     *
     * @param id        the provider's call id ({@code call_...}, {@code toolu_...}), echoed with the result
     * @param name      the tool's name
     * @param arguments the arguments as a JSON text (as OpenAI sends them; Anthropic's input object is written so)
     */
    record ToolCall(String id, String name, String arguments) {
    }

    /** One message of the chat. */
    sealed interface Message {
    }

    /** The instructions. */
    record System(String text) implements Message {
    }

    /** What the contact said. */
    record User(String text) implements Message {
    }

    /** What the model said: text (may be null) and the tools it called (may be empty). */
    record Assistant(String text, List<ToolCall> calls) implements Message {
        Assistant {
            calls = List.copyOf(calls);
        }
    }

    /** A tool's result, answering the call {@code callId}. */
    record ToolResult(String callId, String text) implements Message {
    }

    /**
     * A tool the model may call.
     *
     * @param name        its name ({@code ^[a-zA-Z0-9_-]{1,64}$}, which both APIs accept)
     * @param description what it does
     * @param schema      the JSON schema of its arguments, an object schema
     */
    record ToolDef(String name, String description, JsonNode schema) {
    }

    /**
     * One request.
     *
     * @param messages    the chat so far, a system message first when there is one
     * @param tools       the tools offered; may be empty
     * @param toolsOff    whether the model must answer in text now ({@code tool_choice: none})
     * @param temperature the sampling temperature, or null for the model's default
     */
    record Request(List<Message> messages, List<ToolDef> tools, boolean toolsOff, Double temperature) {
        Request {
            messages = List.copyOf(messages);
            tools = List.copyOf(tools);
        }
    }

    /**
     * A model's answer.
     *
     * @param text         its text, or null
     * @param calls        the tools it called; never null
     * @param usage        whether the provider reported token counts
     * @param inputTokens  the prompt's tokens
     * @param outputTokens the answer's tokens
     * @param servedModel  the model id the provider says answered (a dated snapshot), or null
     */
    record Answer(String text, List<ToolCall> calls, boolean usage, long inputTokens, long outputTokens,
                  String servedModel) {
        Answer {
            calls = List.copyOf(calls);
        }
    }
}
