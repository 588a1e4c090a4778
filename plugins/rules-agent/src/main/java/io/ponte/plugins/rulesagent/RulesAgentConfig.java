package io.ponte.plugins.rulesagent;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import io.ponte.kit.agent.NamedActions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rules agent's config: its fields declared once (the hub checks types, presence and the patterns they
 * declare), and the JSON inside {@code rules}, {@code handoff} and {@code specialists}, which no field declaration
 * can describe, read here: every pattern compiled, every template parsed. Immutable.
 *
 * @param rules             the rules, first match wins; never null, may be empty
 * @param greeting          the reply to a contact's first message, or null
 * @param greetingThenRules on a first message that a rule also matches, send greeting + blank line + rule reply
 *                          (false: the greeting alone)
 * @param defaultReply      the reply when no rule matches, or null (then no reply)
 * @param handoff           the hand-off to a person, or null
 * @param specialists       the specialist agents to route to, first match wins; never null, may be empty (then
 *                          this agent answers everything itself)
 */
public record RulesAgentConfig(List<Rule> rules, ReplyTemplate greeting, boolean greetingThenRules,
                               ReplyTemplate defaultReply, Handoff handoff, List<Specialist> specialists) {

    private static final String RULE_SHAPE = "{\"pattern\":\"<regex>\",\"reply\":\"<Mustache template>\"}";
    private static final String HANDOFF_SHAPE = "{\"pattern\":\"<regex>\",\"reply\":\"<Mustache template, optional>\"}";
    private static final String SPECIALIST_SHAPE =
            "{\"pattern\":\"<regex>\",\"connection\":\"<agent connection id>\",\"intent\":\"<name>\"}";
    /** A template the agent sends must say something. */
    private static final String NOT_BLANK = "(?s).*\\S.*";

    /** Config field: the rules. Their JSON structure is read by {@link #from}: the spec holds no JSON schema. */
    public static final ConfigField RULES = ConfigField.required("rules", FieldType.JSON,
            "A list of " + RULE_SHAPE + "; the first pattern found in the message text (case-insensitive, Unicode) "
                    + "answers with its reply.");
    /** Config field: the greeting template. */
    public static final ConfigField GREETING = ConfigField.optional("greeting", FieldType.STRING,
                    "A Mustache template sent as the reply to a contact's first message.")
            .matching(NOT_BLANK, "must not be empty: the reply to send");
    /** Config field: greeting and rule reply together on a first message. */
    public static final ConfigField GREETING_THEN_RULES = ConfigField.optional("greetingThenRules",
                    FieldType.BOOLEAN, "On a first message a rule also matches: true sends greeting, a blank line and "
                            + "the rule's reply; false sends the greeting alone.")
            .withDefault(false);
    /** Config field: the reply when no rule matches. */
    public static final ConfigField DEFAULT_REPLY = ConfigField.optional("defaultReply", FieldType.STRING,
                    "A Mustache template sent when no rule matches; without it such messages get no reply.")
            .matching(NOT_BLANK, "must not be empty: the reply to send");
    /** Config field: the hand-off; its JSON structure is read by {@link #from}. */
    public static final ConfigField HANDOFF = ConfigField.optional("handoff", FieldType.JSON,
            HANDOFF_SHAPE + ": a matching message hands the conversation to a person (state human) after one last "
                    + "reply; the agent is silent from then on.");
    /** Config field: the specialists; their JSON structure is read by {@link #from}. */
    public static final ConfigField SPECIALISTS = ConfigField.optional("specialists", FieldType.JSON,
            "A list of " + SPECIALIST_SHAPE + ": makes this agent a router that hands each conversation to the "
                    + "agent of its intent.");

    /** The config spec: every field, in display order. */
    static final ConfigSpec SPEC = ConfigSpec.of(RULES, GREETING, GREETING_THEN_RULES, DEFAULT_REPLY, HANDOFF,
            SPECIALISTS);

    /** Copies the lists. */
    public RulesAgentConfig {
        rules = List.copyOf(rules);
        specialists = List.copyOf(specialists);
    }

    /**
     * Reads a connection's config (checked against {@link #SPEC} by the hub) and the JSON inside it.
     *
     * @param config       the connection's config
     * @param connectionId this agent's own connection id (a specialist cannot be the router itself)
     * @return the typed config
     * @throws ConfigException naming every bad entry ({@code rules[2].pattern}) at once
     */
    public static RulesAgentConfig from(ConnectionConfig config, String connectionId) {
        Reader r = new Reader(connectionId, null);
        RulesAgentConfig read = r.read(config);
        if (!r.errors.isEmpty()) {
            throw new ConfigException(r.errors);
        }
        return read;
    }

    /**
     * What saving this config must refuse: everything {@link #from} refuses, and each specialist that no connection
     * of this tenant answers ({@code agent.reply}), so an admin sees them all at once, each with its path.
     *
     * @param config       the config being saved
     * @param connectionId the id of the connection being saved
     * @param named        the check of the connections it names, as that connection
     * @return every problem, in config order; empty when the config can be saved
     */
    public static List<ConfigError> problems(ConnectionConfig config, String connectionId, NamedActions named) {
        Reader r = new Reader(connectionId, named);
        r.read(config);
        return List.copyOf(r.errors);
    }

    /** The specialist for an intent, or null. */
    Specialist specialist(String intent) {
        return specialists.stream().filter(s -> s.intent().equals(intent)).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "RulesAgentConfig[rules=" + rules.size() + ", greeting=" + (greeting != null) + ", greetingThenRules="
                + greetingThenRules + ", defaultReply=" + (defaultReply != null) + ", handoff=" + (handoff != null)
                + ", specialists=" + specialists.stream().map(s -> s.intent() + "->" + s.connection()).toList() + "]";
    }

    /**
     * Reads the JSON parts, collecting every problem instead of stopping at the first. A specialist is checked against
     * this agent's own id always, against the tenant's connections ({@code named}, null at open) only on save.
     */
    private static final class Reader {
        private final List<ConfigError> errors = new ArrayList<>();
        private final String self;
        private final NamedActions named;

        Reader(String self, NamedActions named) {
            this.self = self;
            this.named = named;
        }

        RulesAgentConfig read(ConnectionConfig config) {
            List<Rule> rules = rules(config.json(RULES));
            ReplyTemplate greeting = template(GREETING.name(), config.string(GREETING));
            ReplyTemplate defaultReply = template(DEFAULT_REPLY.name(), config.string(DEFAULT_REPLY));
            Handoff handoff = config.has(HANDOFF) ? handoff(config.json(HANDOFF)) : null;
            List<Specialist> specialists = config.has(SPECIALISTS) ? specialists(config.json(SPECIALISTS))
                    : List.of();
            return new RulesAgentConfig(rules, greeting, config.bool(GREETING_THEN_RULES), defaultReply, handoff,
                    specialists);
        }

        List<Rule> rules(JsonNode node) {
            if (!node.isArray()) {
                errors.add(new ConfigError(RULES.name(), "must be a list of " + RULE_SHAPE));
                return List.of();
            }
            List<Rule> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String name = RULES.name() + "[" + i + "]";
                Map<String, JsonNode> entry = object(name, node.get(i), RULE_SHAPE, Set.of("pattern", "reply"));
                if (entry == null) {
                    continue;
                }
                RulePattern pattern = pattern(name + ".pattern", requiredString(name + ".pattern",
                        entry.get("pattern")));
                ReplyTemplate reply = template(name + ".reply", requiredString(name + ".reply", entry.get("reply")));
                if (pattern != null && reply != null) {
                    out.add(new Rule(name, pattern, reply));
                }
            }
            return out;
        }

        Handoff handoff(JsonNode node) {
            String field = HANDOFF.name();
            Map<String, JsonNode> entry = object(field, node, HANDOFF_SHAPE, Set.of("pattern", "reply"));
            if (entry == null) {
                return null;
            }
            RulePattern pattern = pattern(field + ".pattern", requiredString(field + ".pattern",
                    entry.get("pattern")));
            ReplyTemplate reply = template(field + ".reply", optionalString(field + ".reply", entry.get("reply")));
            return pattern == null ? null : new Handoff(pattern, reply);
        }

        List<Specialist> specialists(JsonNode node) {
            if (!node.isArray()) {
                errors.add(new ConfigError(SPECIALISTS.name(), "must be a list of " + SPECIALIST_SHAPE));
                return List.of();
            }
            List<Specialist> out = new ArrayList<>();
            Map<String, Specialist> byIntent = new LinkedHashMap<>();
            for (int i = 0; i < node.size(); i++) {
                String name = SPECIALISTS.name() + "[" + i + "]";
                Map<String, JsonNode> entry = object(name, node.get(i), SPECIALIST_SHAPE,
                        Set.of("pattern", "connection", "intent"));
                if (entry == null) {
                    continue;
                }
                RulePattern pattern = pattern(name + ".pattern", requiredString(name + ".pattern",
                        entry.get("pattern")));
                String connection = requiredString(name + ".connection", entry.get("connection"));
                if (connection != null && connection.strip().equals(self)) {
                    errors.add(new ConfigError(name + ".connection", "is this agent itself; name another agent "
                            + "connection"));
                    connection = null;
                }
                if (connection != null && named != null) {
                    named.problem(name + ".connection", connection.strip(), ActionNames.AGENT_REPLY)
                            .ifPresent(errors::add);
                }
                String intent = optionalString(name + ".intent", entry.get("intent"));
                if (intent == null && connection != null) {
                    intent = connection.strip();
                }
                if (pattern == null || connection == null || intent == null) {
                    continue;
                }
                Specialist s = new Specialist(name, pattern, connection.strip(), intent.strip());
                Specialist same = byIntent.putIfAbsent(s.intent(), s);
                if (same != null && !same.connection().equals(s.connection())) {
                    errors.add(new ConfigError(name + ".intent", "\"" + s.intent() + "\" already goes to "
                            + same.connection() + " (" + same.name() + "); one intent, one specialist"));
                    continue;
                }
                out.add(s);
            }
            return out;
        }

        ReplyTemplate template(String field, String source) {
            if (source == null) {
                return null;
            }
            try {
                return ReplyTemplate.compile(field, source);
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError(field, e.getMessage()));
                return null;
            }
        }

        private RulePattern pattern(String field, String source) {
            if (source == null) {
                return null;
            }
            try {
                return RulePattern.compile(field, source);
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError(field, e.getMessage()));
                return null;
            }
        }

        private Map<String, JsonNode> object(String field, JsonNode node, String shape, Set<String> known) {
            if (node == null || !node.isObject()) {
                errors.add(new ConfigError(field, "must be an object " + shape));
                return null;
            }
            Map<String, JsonNode> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (known.contains(e.getKey())) {
                    out.put(e.getKey(), e.getValue());
                } else {
                    errors.add(new ConfigError(field + "." + e.getKey(), "unknown field; known fields: "
                            + known.stream().sorted().toList()));
                }
            }
            return out;
        }

        private String requiredString(String field, JsonNode value) {
            if (value == null || value.isNull()) {
                errors.add(new ConfigError(field, "is required"));
                return null;
            }
            return optionalString(field, value);
        }

        private String optionalString(String field, JsonNode value) {
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                errors.add(new ConfigError(field, "must be a string"));
                return null;
            }
            if (value.asText().isBlank()) {
                errors.add(new ConfigError(field, "must not be empty"));
                return null;
            }
            return value.asText();
        }
    }
}
