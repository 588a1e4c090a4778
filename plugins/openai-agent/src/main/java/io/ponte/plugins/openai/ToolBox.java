package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.action.Actions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools offered to the model in one reply: each configured {@code <connectionId>/<action>} as a function named
 * {@code <action with _>__<connection suffix>} (OpenAI's and Anthropic's {@code ^[a-zA-Z0-9_-]{1,64}$}) whose
 * parameters are the
 * action's input schema, plus the enabled built-ins {@code handoff_human}, {@code memory_remember} and, while a
 * lead is being qualified, {@code lead_record}.
 */
final class ToolBox {

    static final String HANDOFF = "handoff_human";
    static final String REMEMBER = "memory_remember";

    /** What a tool name stands for: a built-in ({@code connection} null) or another connection's action. */
    record Tool(String name, String connection, String action) {
    }

    private final Map<String, Tool> byName;
    private final List<Chat.ToolDef> definitions;

    private ToolBox(Map<String, Tool> byName, List<Chat.ToolDef> definitions) {
        this.byName = byName;
        this.definitions = definitions;
    }

    /** Builds this reply's tools, describing each configured action through the hub. */
    static ToolBox of(OpenAiAgentConfig config, Actions actions, boolean leadOpen) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        List<Chat.ToolDef> defs = new ArrayList<>();
        for (String ref : config.tools()) {
            if (ref.equals(OpenAiAgentConfig.BUILTIN_HANDOFF)) {
                add(byName, defs, new Tool(HANDOFF, null, null), "Hand the conversation to a human agent when the "
                        + "contact asks for a person or you cannot help. Say nothing more afterwards.",
                        Json.parse("""
                                {"type":"object","properties":{"reason":{"type":"string",
                                 "description":"Why a human should take over, in one sentence."}},
                                 "required":["reason"]}"""));
            } else if (ref.equals(OpenAiAgentConfig.BUILTIN_REMEMBER)) {
                add(byName, defs, new Tool(REMEMBER, null, null), "Remember a short fact about the contact for "
                        + "later messages (their name, city, preferences).", Json.parse("""
                                {"type":"object","properties":{"key":{"type":"string","description":"A short name \
                                for the fact, e.g. city."},"value":{"type":"string"}},"required":["key","value"]}"""));
            } else {
                OpenAiAgentConfig.ToolRef tool = OpenAiAgentConfig.ToolRef.parse(ref).orElseThrow();
                String conn = tool.connection();
                String action = tool.action();
                Optional<ActionSpec> spec = describe(actions, conn, action);
                JsonNode schema = spec.map(ActionSpec::inputSchema).filter(JsonNode::isObject)
                        .orElseGet(() -> Json.parse("{\"type\":\"object\"}"));
                String description = spec.map(ActionSpec::description).filter(d -> d != null && !d.isBlank())
                        .orElse("Runs " + action + " on connection " + conn + ".");
                add(byName, defs, new Tool(name(action, conn, byName), conn, action), description, schema);
            }
        }
        if (leadOpen) {
            add(byName, defs, new Tool(Qualification.TOOL, null, null), "Record one lead field you learned from "
                    + "the contact.", Json.parse("""
                            {"type":"object","properties":{"field":{"type":"string"},"value":{"type":"string"}},
                             "required":["field","value"]}"""));
        }
        return new ToolBox(Map.copyOf(byName), List.copyOf(defs));
    }

    List<Chat.ToolDef> definitions() {
        return definitions;
    }

    Optional<Tool> tool(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** {@code order.get} on {@code con_01ABC} becomes {@code order_get__01ABC}; a clash gets {@code _2} .... */
    static String name(String action, String conn, Map<String, Tool> taken) {
        String a = action.replaceAll("[^a-zA-Z0-9_-]", "_");
        String c = conn.startsWith("con_") ? conn.substring(4) : conn;
        c = c.replaceAll("[^a-zA-Z0-9_-]", "_");
        if (c.length() > 12) {
            c = c.substring(c.length() - 12);
        }
        String base = a + "__" + c;
        if (base.length() > 60) {
            base = base.substring(0, 60);
        }
        String name = base;
        for (int i = 2; taken.containsKey(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private static Optional<ActionSpec> describe(Actions actions, String conn, String action) {
        try {
            return actions.describe(conn, action);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void add(Map<String, Tool> byName, List<Chat.ToolDef> defs, Tool tool, String description,
                            JsonNode schema) {
        byName.put(tool.name(), tool);
        defs.add(new Chat.ToolDef(tool.name(), description, schema));
    }
}
