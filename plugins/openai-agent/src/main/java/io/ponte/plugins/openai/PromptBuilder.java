package io.ponte.plugins.openai;

import io.ponte.plugins.agent.TextTemplate;

import io.ponte.api.conversation.HistoryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the system prompt and a conversation's history into the messages for the model: system first (the rendered
 * template, then the remembered facts and any extra instructions), then the history as {@code user} /
 * {@code assistant} turns, then the message being answered — exactly once, last. The history is trimmed to
 * {@code maxHistoryMessages} and then to {@code maxContextTokens}, the oldest going first; the system prompt and
 * the current message always stay. Tokens are estimated at about four characters each (see {@link #tokens}).
 */
final class PromptBuilder {

    /** One message for the model. */
    record PromptMessage(String role, String content) {
    }

    private final OpenAiAgentConfig config;
    private final TextTemplate template;

    /**
     * A builder for one connection; compiles its system prompt once.
     *
     * @throws IllegalArgumentException when the system prompt is not a usable template (see {@link TextTemplate})
     */
    PromptBuilder(OpenAiAgentConfig config) {
        this.config = config;
        this.template = TextTemplate.compile(config.systemPrompt());
    }

    /** How many history entries to read: notes (tool calls, usage) share the history, so read beyond the limit. */
    int historyLimit() {
        return Math.min(500, config.maxHistoryMessages() * 4);
    }

    /** The estimated tokens of a text: its length in characters divided by four, rounded up. */
    static int tokens(String text) {
        return (text.length() + 3) / 4;
    }

    /**
     * Builds the messages.
     *
     * @param inbound the message being answered
     * @param tenant  the tenant id, for the template
     * @param facts   the conversation's remembered facts
     * @param extra   further system instructions (lead fields to collect), or null
     * @param history the conversation's newest history entries, oldest first
     */
    List<PromptMessage> build(Inbound inbound, String tenant, Map<String, String> facts, String extra,
                              List<HistoryEntry> history) {
        PromptMessage system = new PromptMessage("system", system(inbound, tenant, facts, extra));
        PromptMessage current = new PromptMessage("user", inbound.text());
        List<PromptMessage> past = past(inbound, history);
        int budget = config.maxContextTokens() - tokens(system.content()) - tokens(current.content());
        int used = past.stream().mapToInt(m -> tokens(m.content())).sum();
        int drop = 0;
        while (drop < past.size() && used > budget) {
            used -= tokens(past.get(drop).content());
            drop++;
        }
        List<PromptMessage> out = new ArrayList<>();
        out.add(system);
        out.addAll(past.subList(drop, past.size()));
        out.add(current);
        return List.copyOf(out);
    }

    private String system(Inbound inbound, String tenant, Map<String, String> facts, String extra) {
        Map<String, String> contact = new HashMap<>();
        contact.put("address", inbound.address());
        contact.put("name", inbound.contactName() == null ? "" : inbound.contactName());
        Map<String, Object> values = new HashMap<>();
        values.put("conversation", Map.of("key", inbound.conversation()));
        values.put("contact", contact);
        values.put("tenant", tenant);
        values.put("memory", facts);
        StringBuilder out = new StringBuilder(template.render(values).strip());
        if (!facts.isEmpty()) {
            out.append(out.isEmpty() ? "" : "\n\n").append("Known facts about this contact:");
            facts.forEach((k, v) -> out.append("\n- ").append(k).append(": ").append(v));
        }
        if (extra != null && !extra.isBlank()) {
            out.append(out.isEmpty() ? "" : "\n\n").append(extra.strip());
        }
        return out.toString();
    }

    /**
     * The history before the current message, as model turns. The hub stores the current message before the agent
     * runs, so it is normally the last entry: it is cut there (anything newer is not part of this turn) and added
     * back from the cause, so it is present exactly once even when the history lacks it.
     */
    private List<PromptMessage> past(Inbound inbound, List<HistoryEntry> history) {
        int end = history.size();
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry e = history.get(i);
            if (e.direction() == HistoryEntry.Direction.inbound && inbound.cause().id() != null
                    && inbound.cause().id().equals(e.eventId())) {
                end = i;
                break;
            }
        }
        List<PromptMessage> out = new ArrayList<>();
        for (HistoryEntry e : history.subList(0, end)) {
            if (e.direction() == HistoryEntry.Direction.note) {
                continue;
            }
            String text = Inbound.describe(e.content());
            if (text == null || text.isBlank()) {
                continue;
            }
            out.add(new PromptMessage(e.direction() == HistoryEntry.Direction.inbound ? "user" : "assistant", text));
        }
        int keep = Math.max(0, config.maxHistoryMessages() - 1);
        return out.size() > keep ? out.subList(out.size() - keep, out.size()) : out;
    }
}
