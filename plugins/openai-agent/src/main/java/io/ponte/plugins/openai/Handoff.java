package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.config.ConfigError;
import io.ponte.kit.agent.Decision;
import io.ponte.kit.agent.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * Handing a conversation to a person: when the contact uses a hand-off keyword, or the model calls
 * {@code handoff_human}. The kit's protocol carries the {@link Decision.Handoff} out (note, the configured last
 * reply, then the state {@code HUMAN}).
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

        static Settings parse(JsonNode node, List<ConfigError> errors) {
            if (node == null || node.isNull()) {
                return NONE;
            }
            String f = OpenAiAgentConfig.HANDOFF.name();
            if (!node.isObject()) {
                errors.add(new ConfigError(f, "must be an object {\"keywords\":[...],\"reply\":\"...\"}"));
                return NONE;
            }
            List<String> keywords = new ArrayList<>();
            JsonNode k = node.get("keywords");
            if (k != null && !k.isNull()) {
                if (!k.isArray()) {
                    errors.add(new ConfigError(f + ".keywords", "must be an array of strings"));
                } else {
                    k.forEach(w -> {
                        if (!w.isTextual() || Words.of(w.asText()).isEmpty()) {
                            errors.add(new ConfigError(f + ".keywords",
                                    "must hold non-empty strings with letters or digits"));
                        } else {
                            keywords.add(w.asText());
                        }
                    });
                }
            }
            JsonNode r = node.get("reply");
            if (r != null && !r.isNull() && !r.isTextual()) {
                errors.add(new ConfigError(f + ".reply", "must be a string"));
            }
            node.fieldNames().forEachRemaining(name -> {
                if (!name.equals("keywords") && !name.equals("reply")) {
                    errors.add(new ConfigError(f + "." + name, "is unknown; known: keywords, reply"));
                }
            });
            String reply = r != null && r.isTextual() && !r.asText().isBlank() ? r.asText() : null;
            return new Settings(keywords, reply);
        }
    }

    private final Settings settings;

    Handoff(Settings settings) {
        this.settings = settings;
    }

    /** The hand-off keyword the text (the message as the model reads it) uses, or null. */
    String keyword(String text) {
        return Words.firstMatch(text, settings.keywords());
    }

    /** Hands over with the configured reply; the output names the reason and the usage. */
    Decision handOver(Turn turn, String reason, Usage usage) {
        turn.output().put("reason", reason);
        usage.keep(turn);
        return new Decision.Handoff(reason, settings.reply());
    }
}
