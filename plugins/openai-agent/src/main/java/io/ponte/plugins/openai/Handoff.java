package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.conversation.Conversations;
import java.util.ArrayList;
import java.util.List;

/**
 * Handing a conversation to a person: when the contact uses a hand-off keyword, or the model calls
 * {@code handoff_human}. Emits the {@code conversation.note} {@code {"handoff":"human","reason":...}} and the
 * configured last reply, and only then sets the conversation to {@code human} — so a crash in between retries the
 * whole hand-off (deduped) instead of leaving a silent conversation without its reply.
 */
final class Handoff {

    /**
     * The {@code handoff} config.
     *
     * @param keywords words or phrases that hand over at once (case/accent-insensitive, whole words); never null
     * @param reply    what to say when handing over, or null to say nothing
     */
    record Settings(List<String> keywords, String reply) {

        static final Settings NONE = new Settings(List.of(), null);

        Settings {
            keywords = List.copyOf(keywords);
        }

        static Settings parse(JsonNode node, List<String> errors) {
            if (node == null || node.isNull()) {
                return NONE;
            }
            String f = OpenAiAgentConfig.HANDOFF;
            if (!node.isObject()) {
                errors.add(f + " must be an object {\"keywords\":[...],\"reply\":\"...\"}");
                return NONE;
            }
            List<String> keywords = new ArrayList<>();
            JsonNode k = node.get("keywords");
            if (k != null && !k.isNull()) {
                if (!k.isArray()) {
                    errors.add(f + ".keywords must be an array of strings");
                } else {
                    k.forEach(w -> {
                        if (!w.isTextual() || Words.of(w.asText()).isEmpty()) {
                            errors.add(f + ".keywords must hold non-empty strings with letters or digits");
                        } else {
                            keywords.add(w.asText());
                        }
                    });
                }
            }
            JsonNode r = node.get("reply");
            if (r != null && !r.isNull() && !r.isTextual()) {
                errors.add(f + ".reply must be a string");
            }
            node.fieldNames().forEachRemaining(name -> {
                if (!name.equals("keywords") && !name.equals("reply")) {
                    errors.add(f + "." + name + " is unknown; known: keywords, reply");
                }
            });
            String reply = r != null && r.isTextual() && !r.asText().isBlank() ? r.asText() : null;
            return new Settings(keywords, reply);
        }
    }

    private final Settings settings;
    private final Conversations conversations;
    private final ConversationOutput output;

    Handoff(Settings settings, Conversations conversations, ConversationOutput output) {
        this.settings = settings;
        this.conversations = conversations;
        this.output = output;
    }

    /** The hand-off keyword the message uses, or null. */
    String keyword(Inbound in) {
        return Words.firstMatch(in.text(), settings.keywords());
    }

    /** Hands over: note, optional last reply, state {@code human}. */
    ActionResult handOver(Inbound in, String reason, Usage usage) {
        ObjectNode note = Json.object().put("handoff", "human").put("reason", reason);
        ObjectNode out = Json.object().put("handoff", "human").put("reason", reason);
        var drafts = new ArrayList<io.ponte.api.message.EnvelopeDraft>();
        drafts.add(ConversationOutput.note(in, "handoff", note));
        if (usage != null && usage.any()) {
            drafts.add(ConversationOutput.note(in, "usage",
                    Json.object().set("usage", usage.json())));
            out.set("usage", usage.json());
        }
        String ref = null;
        if (settings.reply() != null) {
            ref = output.reply(in, settings.reply(), drafts);
            out.put("reply", settings.reply());
        } else {
            output.notes(drafts);
        }
        conversations.setState(in.conversation(), ConversationState.human);
        return new ActionResult.Delivered(ref, out);
    }
}
