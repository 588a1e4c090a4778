package io.ponte.plugins.openai;

import io.ponte.plugins.agent.NamedActions;
import io.ponte.plugins.agent.TextTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.error.PermanentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One agent connection's validated config. Immutable; {@link #toString()} masks the API key.
 *
 * @param apiKey             the provider's API key; never null
 * @param baseUrl            the Chat Completions server, without a trailing slash; never null
 * @param model              the model asked first; never null
 * @param fallbackModels     the models asked, in order, when {@code model} keeps failing; never null
 * @param systemPrompt       the Mustache template of the system prompt; never null (may be empty)
 * @param temperature        the sampling temperature, or null for the provider's default
 * @param maxHistoryMessages at most this many history messages go to the model (1 to 200)
 * @param maxContextTokens   the estimated token budget of system prompt + history + current message
 * @param timeout            how long one call to the provider may take
 * @param maxRetries         retries per model on 429 (not quota), 5xx and timeouts (0 to 5)
 * @param tools              {@code <connectionId>/<action>} entries and the built-ins; never null
 * @param fallbackReply      the reply when every model failed, or null
 * @param handoff            the hand-off settings; never null
 * @param qualification      the lead qualification settings, or null when off
 * @param specialists        the specialist routing settings, or null when off
 * @param prices             USD per 1M tokens by model; never null
 */
public record OpenAiAgentConfig(String apiKey, URI baseUrl, String model, List<String> fallbackModels,
                                String systemPrompt, Double temperature, int maxHistoryMessages,
                                int maxContextTokens, Duration timeout, int maxRetries, List<String> tools,
                                String fallbackReply, Handoff.Settings handoff,
                                Qualification.Settings qualification, Orchestrator.Settings specialists,
                                Map<String, Usage.Price> prices) {

    static final String API_KEY = "apiKey";
    static final String BASE_URL = "baseUrl";
    static final String MODEL = "model";
    static final String FALLBACK_MODELS = "fallbackModels";
    static final String SYSTEM_PROMPT = "systemPrompt";
    static final String TEMPERATURE = "temperature";
    static final String MAX_HISTORY_MESSAGES = "maxHistoryMessages";
    static final String MAX_CONTEXT_TOKENS = "maxContextTokens";
    static final String TIMEOUT_SECONDS = "timeoutSeconds";
    static final String MAX_RETRIES = "maxRetries";
    static final String TOOLS = "tools";
    static final String FALLBACK_REPLY = "fallbackReply";
    static final String HANDOFF = "handoff";
    static final String QUALIFICATION = "qualification";
    static final String SPECIALISTS = "specialists";
    static final String PRICES = "prices";

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    static final String DEFAULT_MODEL = "gpt-4o-mini";
    static final String DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant answering {{contact.name}} in a chat. "
            + "Be brief and friendly.";
    static final int DEFAULT_MAX_HISTORY = 20;
    static final int DEFAULT_MAX_CONTEXT_TOKENS = 6000;
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    static final int DEFAULT_MAX_RETRIES = 2;
    static final String DEFAULT_PRICES = """
            {"gpt-4o-mini":{"input":0.15,"output":0.60},"gpt-4o":{"input":2.50,"output":10.00},
             "gpt-4.1-mini":{"input":0.40,"output":1.60}}""";

    /** The built-in tool that hands the conversation to a human. */
    static final String BUILTIN_HANDOFF = "handoff.human";
    /** The built-in tool that stores a fact in the conversation's memory. */
    static final String BUILTIN_REMEMBER = "memory.remember";

    private static final Pattern TOOL_REF = Pattern.compile("[^/\\s]+/[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    /** Checks the invariants; the factory path ({@link #from}) reports every bad field at once. */
    public OpenAiAgentConfig {
        Objects.requireNonNull(apiKey, API_KEY);
        Objects.requireNonNull(baseUrl, BASE_URL);
        Objects.requireNonNull(model, MODEL);
        fallbackModels = List.copyOf(fallbackModels);
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        tools = List.copyOf(tools);
        Objects.requireNonNull(timeout, TIMEOUT_SECONDS);
        Objects.requireNonNull(handoff, HANDOFF);
        prices = Map.copyOf(prices);
    }

    /**
     * Reads a connection's config (already type-checked against the descriptor's spec by the hub).
     *
     * @throws PermanentException naming every unusable field (never a secret's value)
     */
    public static OpenAiAgentConfig from(ConnectionConfig config) {
        List<String> errors = new ArrayList<>();
        String apiKey = config.string(API_KEY).orElse("");
        if (apiKey.isBlank()) {
            errors.add(API_KEY + " is required");
        } else if (apiKey.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            errors.add(API_KEY + " must be printable ASCII without spaces");
        }
        URI baseUrl = baseUrl(config.string(BASE_URL).orElse(DEFAULT_BASE_URL), errors);
        String model = config.string(MODEL).orElse(DEFAULT_MODEL).strip();
        if (model.isEmpty()) {
            errors.add(MODEL + " must not be empty");
        }
        List<String> fallbacks = config.stringList(FALLBACK_MODELS).stream().map(String::strip).toList();
        if (fallbacks.stream().anyMatch(String::isEmpty)) {
            errors.add(FALLBACK_MODELS + " must not contain empty names");
        }
        String prompt = config.string(SYSTEM_PROMPT).orElse(DEFAULT_SYSTEM_PROMPT);
        try {
            TextTemplate.compile(prompt);
        } catch (IllegalArgumentException e) {
            errors.add(SYSTEM_PROMPT + " " + e.getMessage());
        }
        Double temperature = config.json(TEMPERATURE).filter(JsonNode::isNumber).map(JsonNode::asDouble)
                .orElse(null);
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            errors.add(TEMPERATURE + " must be between 0 and 2");
        }
        int history = bounded(config, MAX_HISTORY_MESSAGES, DEFAULT_MAX_HISTORY, 1, 200, errors);
        int tokens = bounded(config, MAX_CONTEXT_TOKENS, DEFAULT_MAX_CONTEXT_TOKENS, 100, 1_000_000, errors);
        int timeout = bounded(config, TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS, 1, 300, errors);
        int retries = bounded(config, MAX_RETRIES, DEFAULT_MAX_RETRIES, 0, 5, errors);
        List<String> tools = config.stringList(TOOLS).stream().map(String::strip).toList();
        for (String t : tools) {
            if (!t.equals(BUILTIN_HANDOFF) && !t.equals(BUILTIN_REMEMBER) && ToolRef.parse(t).isEmpty()) {
                errors.add(TOOLS + " entry '" + t + "' must be <connectionId>/<action> (e.g. con_01/order.get), "
                        + BUILTIN_HANDOFF + " or " + BUILTIN_REMEMBER);
            }
        }
        String fallbackReply = config.string(FALLBACK_REPLY).filter(s -> !s.isBlank()).orElse(null);
        Handoff.Settings handoff = Handoff.Settings.parse(config.json(HANDOFF).orElse(null), errors);
        Qualification.Settings qualification = Qualification.Settings.parse(config.json(QUALIFICATION)
                .orElse(null), errors);
        Orchestrator.Settings specialists = Orchestrator.Settings.parse(config.json(SPECIALISTS).orElse(null),
                errors);
        Map<String, Usage.Price> prices = Usage.Price.parseTable(config.json(PRICES)
                .orElseGet(() -> Json.parse(DEFAULT_PRICES)), errors);
        if (!errors.isEmpty()) {
            throw new PermanentException("invalid openai-agent config: " + String.join("; ", errors));
        }
        return new OpenAiAgentConfig(apiKey, baseUrl, model, fallbacks, prompt, temperature, history, tokens,
                Duration.ofSeconds(timeout), retries, tools, fallbackReply, handoff, qualification, specialists,
                prices);
    }

    /**
     * What saving this config must refuse beyond what {@link #from} refuses (which the hub reports when it opens the
     * connection): each {@code tools} entry and each specialist that no connection of this tenant offers. Entries of
     * the wrong shape are left to {@link #from}.
     *
     * @param config the config being saved
     * @param named  the check of the connections it names, as the connection being saved
     * @return every problem, in config order, each naming its field ({@code tools[1]},
     *         {@code specialists.intents[0].connection}); empty when none
     */
    static List<ConfigError> namedActionProblems(ConnectionConfig config, NamedActions named) {
        List<ConfigError> errors = new ArrayList<>();
        List<String> tools = config.stringList(TOOLS);
        for (int i = 0; i < tools.size(); i++) {
            String field = TOOLS + "[" + i + "]";
            ToolRef.parse(tools.get(i).strip()).flatMap(t -> named.problem(field, t.connection(), t.action()))
                    .ifPresent(errors::add);
        }
        JsonNode intents = config.json(SPECIALISTS).map(s -> s.path("intents")).filter(JsonNode::isArray)
                .orElse(null);
        for (int i = 0; intents != null && i < intents.size(); i++) {
            String connection = intents.get(i).path("connection").asText("").strip();
            if (!connection.isEmpty()) {
                named.problem(SPECIALISTS + ".intents[" + i + "].connection", connection, AgentReply.ACTION)
                        .ifPresent(errors::add);
            }
        }
        return errors;
    }

    /**
     * A {@code tools} entry that names another connection's action.
     *
     * @param connection the connection's id
     * @param action     the action's name
     */
    record ToolRef(String connection, String action) {

        /** The entry as a reference, or empty for a built-in and anything not {@code <connectionId>/<action>}. */
        static Optional<ToolRef> parse(String entry) {
            if (!TOOL_REF.matcher(entry).matches()) {
                return Optional.empty();
            }
            int slash = entry.indexOf('/');
            return Optional.of(new ToolRef(entry.substring(0, slash), entry.substring(slash + 1)));
        }
    }

    /** The models to ask, in order: {@link #model} then {@link #fallbackModels}, without repeats. */
    public List<String> models() {
        List<String> out = new ArrayList<>();
        out.add(model);
        fallbackModels.stream().filter(m -> !out.contains(m)).forEach(out::add);
        return List.copyOf(out);
    }

    /** Whether a built-in tool is enabled. */
    boolean enables(String builtin) {
        return tools.contains(builtin);
    }

    private static URI baseUrl(String text, List<String> errors) {
        try {
            URI uri = new URI(text.strip());
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                errors.add(BASE_URL + " must be an absolute http(s) URL without a query");
                return URI.create(DEFAULT_BASE_URL);
            }
            String s = uri.toString();
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            return URI.create(s);
        } catch (URISyntaxException e) {
            errors.add(BASE_URL + " must be an absolute http(s) URL without a query");
            return URI.create(DEFAULT_BASE_URL);
        }
    }

    private static int bounded(ConnectionConfig config, String field, int def, int min, int max,
                               List<String> errors) {
        long v = config.integer(field).orElse((long) def);
        if (v < min || v > max) {
            errors.add(field + " must be between " + min + " and " + max);
            return def;
        }
        return (int) v;
    }

    @Override
    public String toString() {
        return "OpenAiAgentConfig[apiKey=***, baseUrl=" + baseUrl + ", model=" + model + ", fallbackModels="
                + fallbackModels + ", tools=" + tools + ", maxHistoryMessages=" + maxHistoryMessages
                + ", maxContextTokens=" + maxContextTokens + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + "]";
    }
}
