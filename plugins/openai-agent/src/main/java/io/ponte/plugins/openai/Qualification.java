package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.config.ConfigError;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Lead;
import io.ponte.api.message.Party;
import io.ponte.kit.Replies;
import io.ponte.kit.agent.Turn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lead qualification: the model collects the configured fields with the built-in tool {@code lead_record}
 * (stored under {@code lead:<conversation key>}); once every required field is there, the lead is scored
 * (collected weight / total weight × 100, rounded), given a temperature by the thresholds, emitted once as
 * {@code lead.qualified} ({@code externalId lead:<conversation key>}) and the closing message is sent as the reply.
 * The lead then stays closed: later messages get normal replies and {@code lead_record} is no longer offered.
 */
final class Qualification {

    /** The name of the built-in tool. */
    static final String TOOL = "lead_record";

    /**
     * One field to collect.
     *
     * @param name        the field's key in {@link Lead#fields()}
     * @param description what it is, for the model
     * @param weight      its share of the score, at least 0
     * @param required    whether the lead closes only once it is collected
     */
    record Field(String name, String description, int weight, boolean required) {
    }

    /**
     * The {@code qualification} config.
     *
     * @param fields         the fields, in order; at least one
     * @param hot            the lowest score that is hot
     * @param warm           the lowest score that is warm
     * @param cold           the lowest score that is cold (below: very_cold)
     * @param closingMessage the reply when the lead closes, or null to let the model answer
     */
    record Settings(List<Field> fields, int hot, int warm, int cold, String closingMessage) {

        Settings {
            fields = List.copyOf(fields);
        }

        static Settings parse(JsonNode node, List<ConfigError> errors) {
            String f = OpenAiAgentConfig.QUALIFICATION.name();
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                errors.add(new ConfigError(f, "must be an object {\"fields\":[...],\"thresholds\":{...},"
                        + "\"closingMessage\":..}"));
                return null;
            }
            List<Field> fields = new ArrayList<>();
            JsonNode list = node.path("fields");
            if (!list.isArray() || list.isEmpty()) {
                errors.add(new ConfigError(f + ".fields", "must be a non-empty array of {\"name\",\"description\","
                        + "\"weight\",\"required\"}"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode item = list.get(i);
                    String name = item.path("name").asText("");
                    if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                        errors.add(new ConfigError(f + ".fields[" + i + "].name",
                                "must be a word of letters, digits and _"));
                        continue;
                    }
                    if (fields.stream().anyMatch(x -> x.name().equals(name))) {
                        errors.add(new ConfigError(f + ".fields[" + i + "].name", "repeats " + name));
                        continue;
                    }
                    JsonNode w = item.path("weight");
                    if (!w.isMissingNode() && !(w.isIntegralNumber() && w.asInt() >= 0)) {
                        errors.add(new ConfigError(f + ".fields[" + i + "].weight", "must be a non-negative integer"));
                        continue;
                    }
                    fields.add(new Field(name, item.path("description").asText(""), w.asInt(1),
                            item.path("required").asBoolean(false)));
                }
                if (!fields.isEmpty() && fields.stream().mapToInt(Field::weight).sum() == 0) {
                    errors.add(new ConfigError(f + ".fields", "need a total weight above 0"));
                }
            }
            JsonNode t = node.path("thresholds");
            int hot = threshold(t, "hot", 80, errors);
            int warm = threshold(t, "warm", 50, errors);
            int cold = threshold(t, "cold", 20, errors);
            if (!(hot >= warm && warm >= cold)) {
                errors.add(new ConfigError(f + ".thresholds", "must satisfy hot >= warm >= cold"));
            }
            JsonNode c = node.get("closingMessage");
            String closing = c != null && c.isTextual() && !c.asText().isBlank() ? c.asText() : null;
            return new Settings(fields, hot, warm, cold, closing);
        }

        private static int threshold(JsonNode t, String name, int def, List<ConfigError> errors) {
            JsonNode v = t.path(name);
            if (v.isMissingNode() || v.isNull()) {
                return def;
            }
            if (!v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 100) {
                errors.add(new ConfigError(OpenAiAgentConfig.QUALIFICATION.name() + ".thresholds." + name,
                        "must be 0 to 100"));
                return def;
            }
            return v.asInt();
        }
    }

    private final Settings settings;
    private final Memory memory;

    Qualification(Settings settings, Memory memory) {
        this.settings = settings;
        this.memory = memory;
    }

    /** Whether the conversation's lead is still being collected (so {@code lead_record} is offered). */
    boolean collecting(ConversationKey conversation) {
        return !memory.lead(conversation).has("closedBy");
    }

    /** The system-prompt lines that tell the model what to collect, or null when the lead is closed. */
    String instructions(ConversationKey conversation) {
        ObjectNode lead = memory.lead(conversation);
        if (lead.has("closedBy")) {
            return null;
        }
        JsonNode got = lead.path("fields");
        StringBuilder out = new StringBuilder("Qualify this lead: find out the fields below in a natural way and "
                + "call " + TOOL + " with {\"field\",\"value\"} as soon as you learn one.");
        for (Field f : settings.fields()) {
            out.append("\n- ").append(f.name()).append(f.required() ? " (required)" : "")
                    .append(f.description().isBlank() ? "" : ": " + f.description());
            if (got.has(f.name())) {
                out.append(" [collected: ").append(got.get(f.name()).asText()).append("]");
            }
        }
        return out.toString();
    }

    /** Stores a collected field; null when stored, else why not (for the model). */
    String record(Turn turn, JsonNode args) {
        String field = args.path("field").asText("");
        String value = args.path("value").asText("");
        if (settings.fields().stream().noneMatch(f -> f.name().equals(field))) {
            return "unknown field '" + field + "'; fields: " + settings.fields().stream().map(Field::name).toList();
        }
        if (value.isBlank() || value.length() > Memory.MAX_FACT_VALUE) {
            return "value must be 1 to " + Memory.MAX_FACT_VALUE + " characters";
        }
        ObjectNode lead = memory.lead(turn.conversation());
        if (lead.has("closedBy")) {
            return "the lead is already qualified";
        }
        ((ObjectNode) lead.get("fields")).put(field, value.strip());
        memory.saveLead(turn.conversation(), lead);
        return null;
    }

    /**
     * Closes the lead when every required field is collected: emits {@code lead.qualified} once and marks it
     * closed by this message.
     *
     * @return the lead, or null when not (yet) complete or closed by an earlier message
     */
    Lead closeIfComplete(Turn turn) {
        ObjectNode lead = memory.lead(turn.conversation());
        String closedBy = lead.path("closedBy").asText(null);
        if (closedBy != null && !closedBy.equals(turn.inbound().id())) {
            return null;
        }
        JsonNode got = lead.path("fields");
        if (settings.fields().stream().anyMatch(f -> f.required() && !got.has(f.name()))) {
            return null;
        }
        int total = settings.fields().stream().mapToInt(Field::weight).sum();
        int collected = settings.fields().stream().filter(f -> got.has(f.name())).mapToInt(Field::weight).sum();
        int score = (int) Math.round(collected * 100.0 / total);
        String temperature = score >= settings.hot() ? "hot" : score >= settings.warm() ? "warm"
                : score >= settings.cold() ? "cold" : "very_cold";
        Map<String, String> fields = new LinkedHashMap<>();
        got.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        Lead result = new Lead(null, new Party(turn.address(), turn.contactName()), score, temperature, fields);
        // once per conversation, whichever message closes it and however often it is retried
        turn.emit(List.of(Replies.inConversation(turn.inbound(), EnvelopeTypes.LEAD_QUALIFIED, result,
                "lead:" + turn.conversation())));
        if (closedBy == null) {
            lead.put("closedBy", turn.inbound().id());
            lead.put("score", score).put("temperature", temperature);
            memory.saveLead(turn.conversation(), lead);
        }
        return result;
    }

    /** The closing message, or null. */
    String closingMessage() {
        return settings.closingMessage();
    }
}
