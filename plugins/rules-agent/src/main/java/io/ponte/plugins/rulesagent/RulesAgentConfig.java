package io.ponte.plugins.rulesagent;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.error.PermanentException;
import io.ponte.plugins.agent.NamedActions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One rules agent's validated config: every pattern compiled, every template parsed. Immutable.
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

    /** Config field: the rules. */
    public static final String RULES = "rules";
    /** Config field: the greeting template. */
    public static final String GREETING = "greeting";
    /** Config field: greeting and rule reply together on a first message. */
    public static final String GREETING_THEN_RULES = "greetingThenRules";
    /** Config field: the reply when no rule matches. */
    public static final String DEFAULT_REPLY = "defaultReply";
    /** Config field: the hand-off. */
    public static final String HANDOFF = "handoff";
    /** Config field: the specialists. */
    public static final String SPECIALISTS = "specialists";

    private static final String RULE_SHAPE = "{\"pattern\":\"<regex>\",\"reply\":\"<Mustache template>\"}";
    private static final String HANDOFF_SHAPE = "{\"pattern\":\"<regex>\",\"reply\":\"<Mustache template, optional>\"}";
    private static final String SPECIALIST_SHAPE =
            "{\"pattern\":\"<regex>\",\"connection\":\"<agent connection id>\",\"intent\":\"<name>\"}";

    /** Copies the lists. */
    public RulesAgentConfig {
        rules = List.copyOf(rules);
        specialists = List.copyOf(specialists);
    }

    /**
     * Reads and checks a connection's config (its types already checked against the descriptor by the hub).
     *
     * @param config       the connection's config
     * @param connectionId this agent's own connection id (a specialist cannot be the router itself)
     * @return the typed config
     * @throws Invalid naming every bad entry ({@code rules[2].pattern: ...}) at once
     */
    public static RulesAgentConfig from(ConnectionConfig config, String connectionId) {
        Reader r = new Reader(connectionId, null);
        RulesAgentConfig read = r.read(config);
        if (!r.errors.isEmpty()) {
            throw new Invalid(r.errors);
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

    /** The config is unusable: every bad entry, each with its path. */
    public static final class Invalid extends PermanentException {
        private static final long serialVersionUID = 1L;

        private final transient List<ConfigError> errors;

        Invalid(List<ConfigError> errors) {
            super("invalid rules-agent config: " + errors.stream().map(e -> e.field() + " " + e.message())
                    .collect(Collectors.joining("; ")));
            this.errors = List.copyOf(errors);
        }

        /** Every problem, in config order. */
        public List<ConfigError> errors() {
            return errors;
        }
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
            List<Rule> rules = rules(config.json(RULES).orElse(null));
            ReplyTemplate greeting = config.string(GREETING).map(s -> template(GREETING, s)).orElse(null);
            ReplyTemplate defaultReply = config.string(DEFAULT_REPLY).map(s -> template(DEFAULT_REPLY, s))
                    .orElse(null);
            Handoff handoff = config.json(HANDOFF).map(this::handoff).orElse(null);
            List<Specialist> specialists = config.json(SPECIALISTS).map(this::specialists).orElse(List.of());
            return new RulesAgentConfig(rules, greeting, config.bool(GREETING_THEN_RULES).orElse(false),
                    defaultReply, handoff, specialists);
        }

        List<Rule> rules(JsonNode node) {
            if (node == null || node.isNull()) {
                errors.add(new ConfigError(RULES, "is required: a list of " + RULE_SHAPE));
                return List.of();
            }
            if (!node.isArray()) {
                errors.add(new ConfigError(RULES, "must be a list of " + RULE_SHAPE));
                return List.of();
            }
            List<Rule> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String name = RULES + "[" + i + "]";
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
            Map<String, JsonNode> entry = object(HANDOFF, node, HANDOFF_SHAPE, Set.of("pattern", "reply"));
            if (entry == null) {
                return null;
            }
            RulePattern pattern = pattern(HANDOFF + ".pattern", requiredString(HANDOFF + ".pattern",
                    entry.get("pattern")));
            String replySource = optionalString(HANDOFF + ".reply", entry.get("reply"));
            ReplyTemplate reply = replySource == null ? null : template(HANDOFF + ".reply", replySource);
            return pattern == null ? null : new Handoff(pattern, reply);
        }

        List<Specialist> specialists(JsonNode node) {
            if (!node.isArray()) {
                errors.add(new ConfigError(SPECIALISTS, "must be a list of " + SPECIALIST_SHAPE));
                return List.of();
            }
            List<Specialist> out = new ArrayList<>();
            Map<String, Specialist> byIntent = new LinkedHashMap<>();
            for (int i = 0; i < node.size(); i++) {
                String name = SPECIALISTS + "[" + i + "]";
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
                    named.problem(name + ".connection", connection.strip(), IntentRouter.AGENT_REPLY)
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
