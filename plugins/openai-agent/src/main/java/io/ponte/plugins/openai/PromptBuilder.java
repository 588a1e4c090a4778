package io.ponte.plugins.openai;

import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.message.Content;
import io.ponte.kit.agent.TextTemplate;
import io.ponte.kit.agent.Turn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the system prompt and a conversation's history into the messages for the model: system first (the rendered
 * template, then the remembered facts and any extra instructions), then the history before the message as
 * {@code user} / {@code assistant} turns, then the message being answered — exactly once, last, from the cause, so
 * it is there even when the hub's history lacks it. The history is trimmed to
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
     * @param turn    the message being answered
     * @param facts   the conversation's remembered facts
     * @param extra   further system instructions (lead fields to collect), or null
     * @param history the conversation's history before the message ({@link Turn#historyBefore}), oldest first
     */
    List<PromptMessage> build(Turn turn, Map<String, String> facts, String extra, List<HistoryEntry> history) {
        PromptMessage system = new PromptMessage("system", system(turn, facts, extra));
        PromptMessage current = new PromptMessage("user", describe(turn.content()));
        List<PromptMessage> past = past(history);
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

    /** A content as the model reads it: text as is, anything else as a short bracketed description. */
    static String describe(Content content) {
        return switch (content) {
            case Content.Text t -> t.text();
            case Content.Media m -> "[" + m.mediaType().wire() + (m.caption() == null ? "]" : "] " + m.caption());
            case Content.Location l -> "[location " + l.latitude() + "," + l.longitude()
                    + (l.name() == null ? "" : " " + l.name()) + (l.address() == null ? "" : ", " + l.address())
                    + "]";
            case Content.Contacts c -> "[shared contacts: " + String.join(", ", c.contacts().stream()
                    .map(Content.SharedContact::name).map(String::valueOf).toList()) + "]";
            case Content.InteractiveReply r -> r.title() != null ? r.title() : r.id();
            case Content.Reaction r -> "[reaction " + (r.emoji() == null ? "" : r.emoji()) + "]";
            case Content.Template t -> "[template " + t.name() + "]";
            case Content.Unsupported u -> "[" + (u.type() == null ? "unsupported message" : u.type()) + "]";
        };
    }

    private String system(Turn turn, Map<String, String> facts, String extra) {
        Map<String, String> contact = new HashMap<>();
        contact.put("address", turn.address());
        contact.put("name", turn.contactName() == null ? "" : turn.contactName());
        Map<String, Object> values = new HashMap<>();
        values.put("conversation", Map.of("key", turn.conversation().toString()));
        values.put("contact", contact);
        values.put("tenant", turn.tenant());
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

    /** The history's messages as model turns (notes left out), the newest {@code maxHistoryMessages - 1}. */
    private List<PromptMessage> past(List<HistoryEntry> history) {
        List<PromptMessage> out = new ArrayList<>();
        for (HistoryEntry e : history) {
            if (e.direction() == HistoryEntry.Direction.NOTE) {
                continue;
            }
            String text = describe(e.content());
            if (!text.isBlank()) {
                out.add(new PromptMessage(e.direction() == HistoryEntry.Direction.INBOUND ? "user" : "assistant",
                        text));
            }
        }
        int keep = Math.max(0, config.maxHistoryMessages() - 1);
        return out.size() > keep ? out.subList(out.size() - keep, out.size()) : out;
    }
}
