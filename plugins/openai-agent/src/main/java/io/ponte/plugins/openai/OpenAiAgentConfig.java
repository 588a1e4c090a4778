package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import io.ponte.kit.agent.NamedActions;
import io.ponte.kit.agent.TextTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One agent connection's config: its fields declared once as {@link ConfigField} constants ({@link #SPEC}), which
 * the hub checks, and what they cannot declare read and checked by {@link #from}. Immutable; {@link #toString()}
 * masks the API key.
 *
 * @param apiKey             the flat one-provider API key; null when {@code providers} is set
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
 * @param providers          the chain of providers asked in order: {@code providers}, or the flat fields as one
 *                           provider; never empty
 */
public record OpenAiAgentConfig(String apiKey, URI baseUrl, String model, List<String> fallbackModels,
                                String systemPrompt, Double temperature, int maxHistoryMessages,
                                int maxContextTokens, Duration timeout, int maxRetries, List<String> tools,
                                String fallbackReply, Handoff.Settings handoff,
                                Qualification.Settings qualification, Orchestrator.Settings specialists,
                                Map<String, Usage.Price> prices, List<ProviderSettings> providers) {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    static final String DEFAULT_PRICES = """
            {"gpt-4o-mini":{"input":0.15,"output":0.60},"gpt-4o":{"input":2.50,"output":10.00},
             "gpt-4.1-mini":{"input":0.40,"output":1.60},"claude-haiku-4-5":{"input":1.00,"output":5.00},
             "claude-sonnet-4-5":{"input":3.00,"output":15.00},"gemini-2.5-flash":{"input":0.30,"output":2.50}}""";

    static final ConfigField API_KEY = ConfigField.optional("apiKey", FieldType.STRING,
                    "The API key (platform.openai.com > API keys, or your compatible server's key); with "
                            + "providers, leave it out.")
            .matching("[!-~]+", "must be printable ASCII without spaces").asSecret();
    static final ConfigField BASE_URL = ConfigField.optional("baseUrl", FieldType.URL,
                    "The Chat Completions server up to /v1; change it for an OpenAI-compatible server.")
            .withDefault(DEFAULT_BASE_URL);
    static final ConfigField MODEL = ConfigField.optional("model", FieldType.STRING, "The model asked first.")
            .matching(".*\\S.*", "must not be empty").withDefault("gpt-4o-mini");
    static final ConfigField FALLBACK_MODELS = ConfigField.optional("fallbackModels", FieldType.STRING_LIST,
            "Models asked in this order when the model keeps failing (rate limits, 5xx, timeouts).");
    static final ConfigField SYSTEM_PROMPT = ConfigField.optional("systemPrompt", FieldType.STRING,
                    "The system prompt, a Mustache template over conversation.key, contact.name, contact.address, "
                            + "tenant and memory.<fact>.")
            .withDefault("You are a helpful assistant answering {{contact.name}} in a chat. Be brief and friendly.");
    static final ConfigField TEMPERATURE = ConfigField.optional("temperature", FieldType.NUMBER,
            "Sampling temperature, 0 to 2; unset leaves the model's default.");
    static final ConfigField MAX_HISTORY_MESSAGES = ConfigField.optional("maxHistoryMessages", FieldType.INTEGER,
                    "At most this many conversation messages (the current one included) go to the model, 1 to 200.")
            .withDefault(20).between(1, 200);
    static final ConfigField MAX_CONTEXT_TOKENS = ConfigField.optional("maxContextTokens", FieldType.INTEGER,
                    "Token budget of the prompt, estimated at 4 characters a token; the oldest history goes first.")
            .withDefault(6000).between(100, 1_000_000);
    static final ConfigField TIMEOUT_SECONDS = ConfigField.optional("timeoutSeconds", FieldType.INTEGER,
                    "How long one call to the provider may take, in seconds (1 to 300).")
            .withDefault(30).between(1, 300);
    static final ConfigField MAX_RETRIES = ConfigField.optional("maxRetries", FieldType.INTEGER,
                    "Retries per model on 429, 5xx and timeouts before the next model (0 to 5).")
            .withDefault(2).between(0, 5);
    static final ConfigField TOOLS = ConfigField.optional("tools", FieldType.STRING_LIST,
            "Tools the model may call: <connectionId>/<action> of this tenant's connections, and the built-ins "
                    + "handoff.human and memory.remember.");
    static final ConfigField FALLBACK_REPLY = ConfigField.optional("fallbackReply", FieldType.STRING,
            "Sent when every model failed; without it the hub retries the reply later.");
    static final ConfigField HANDOFF = ConfigField.optional("handoff", FieldType.JSON,
            "Hand-off to a human: {\"keywords\":[\"atendente\",\"humano\"],\"reply\":\"...\"}.");
    static final ConfigField QUALIFICATION = ConfigField.optional("qualification", FieldType.JSON,
            "Lead qualification: {\"fields\":[{\"name\",\"description\",\"weight\",\"required\"}],"
                    + "\"thresholds\":{\"hot\":80,\"warm\":50,\"cold\":20},\"closingMessage\":\"...\"}.");
    static final ConfigField SPECIALISTS = ConfigField.optional("specialists", FieldType.JSON,
            "Route to specialist agents: {\"classifier\":\"model\"|\"rules\",\"intents\":[{\"name\","
                    + "\"connection\",\"description\",\"keywords\"}]}.");
    static final ConfigField PROVIDERS = ConfigField.optional("providers", FieldType.JSON,
                    "Providers asked in order, the next one on rate limits, overload, 5xx and timeouts: "
                            + "[{\"kind\":\"openai\"|\"anthropic\"|\"gemini\",\"apiKey\",\"model\","
                            + "\"baseUrl\"?,\"fallbackModels\"?,\"maxTokens\"?}]. Secret as a whole: it holds "
                            + "the keys, so the API shows it masked and a change sends it whole again.")
            .asSecret();
    static final ConfigField PRICES = ConfigField.optional("prices", FieldType.JSON,
                    "USD per 1M tokens by model, {\"<model>\":{\"input\":..,\"output\":..}}, for agent.cost.usd.")
            .withDefault(Json.parse(DEFAULT_PRICES));

    /** Every field, in display order. */
    static final ConfigSpec SPEC = ConfigSpec.of(API_KEY, BASE_URL, MODEL, FALLBACK_MODELS, PROVIDERS, SYSTEM_PROMPT,
            TEMPERATURE, MAX_HISTORY_MESSAGES, MAX_CONTEXT_TOKENS, TIMEOUT_SECONDS, MAX_RETRIES, TOOLS,
            FALLBACK_REPLY, HANDOFF, QUALIFICATION, SPECIALISTS, PRICES);

    /** The built-in tool that hands the conversation to a human. */
    static final String BUILTIN_HANDOFF = "handoff.human";
    /** The built-in tool that stores a fact in the conversation's memory. */
    static final String BUILTIN_REMEMBER = "memory.remember";

    private static final Pattern TOOL_REF = Pattern.compile("[^/\\s]+/[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    /** Checks the invariants; the factory path ({@link #from}) reports every bad field at once. */
    public OpenAiAgentConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        fallbackModels = List.copyOf(fallbackModels);
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        tools = List.copyOf(tools);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(handoff, "handoff");
        prices = Map.copyOf(prices);
        providers = List.copyOf(providers);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("an agent needs a provider");
        }
    }

    /**
     * Reads a connection's config, which the hub checked against {@link #SPEC} (types, presence, ranges, patterns,
     * defaults), and what no field declaration can say: the JSON inside {@code handoff}, {@code qualification},
     * {@code specialists} and {@code prices}, the entries of the lists, the system prompt's template, a decimal
     * range and a URL without a query.
     *
     * @throws ConfigException naming every unusable field (never a secret's value)
     */
    public static OpenAiAgentConfig from(ConnectionConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        URI baseUrl = baseUrl(config.url(BASE_URL), errors);
        List<String> fallbacks = config.strings(FALLBACK_MODELS).stream().map(String::strip).toList();
        if (fallbacks.stream().anyMatch(String::isEmpty)) {
            errors.add(new ConfigError(FALLBACK_MODELS.name(), "must not contain empty names"));
        }
        String prompt = config.string(SYSTEM_PROMPT);
        try {
            TextTemplate.compile(prompt);
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError(SYSTEM_PROMPT.name(), e.getMessage()));
        }
        // a declared range is for integers only
        Double temperature = config.has(TEMPERATURE) ? config.number(TEMPERATURE).doubleValue() : null;
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            errors.add(new ConfigError(TEMPERATURE.name(), "must be between 0 and 2"));
        }
        List<String> tools = config.strings(TOOLS).stream().map(String::strip).toList();
        for (int i = 0; i < tools.size(); i++) {
            String t = tools.get(i);
            if (!t.equals(BUILTIN_HANDOFF) && !t.equals(BUILTIN_REMEMBER) && ToolRef.parse(t).isEmpty()) {
                errors.add(new ConfigError(TOOLS.name() + "[" + i + "]", "'" + t + "' must be <connectionId>/<action> "
                        + "(e.g. con_01/order.get), " + BUILTIN_HANDOFF + " or " + BUILTIN_REMEMBER));
            }
        }
        String fallbackReply = config.has(FALLBACK_REPLY) && !config.string(FALLBACK_REPLY).isBlank()
                ? config.string(FALLBACK_REPLY) : null;
        Handoff.Settings handoff = Handoff.Settings.parse(config.json(HANDOFF), errors);
        Qualification.Settings qualification = Qualification.Settings.parse(config.json(QUALIFICATION), errors);
        Orchestrator.Settings specialists = Orchestrator.Settings.parse(config.json(SPECIALISTS), errors);
        Map<String, Usage.Price> prices = Usage.Price.parseTable(config.json(PRICES), errors);
        Duration timeout = Duration.ofSeconds(config.integer(TIMEOUT_SECONDS));
        String apiKey = config.has(API_KEY) ? config.string(API_KEY) : null;
        List<ProviderSettings> providers = new ArrayList<>();
        if (config.has(PROVIDERS)) {
            if (apiKey != null) {
                errors.add(new ConfigError(API_KEY.name(), "must be left out when providers is set (each provider "
                        + "has its own apiKey)"));
            }
            providers.addAll(ProviderSettings.parse(PROVIDERS.name(), config.json(PROVIDERS), timeout, errors));
        } else if (apiKey == null) {
            errors.add(new ConfigError(API_KEY.name(), "is required (or set providers)"));
        } else {
            List<String> models = new ArrayList<>(List.of(config.string(MODEL).strip()));
            fallbacks.stream().filter(m -> !models.contains(m)).forEach(models::add);
            providers.add(new ProviderSettings(ProviderSettings.Kind.OPENAI, apiKey, baseUrl, models,
                    ProviderSettings.DEFAULT_MAX_TOKENS, timeout));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new OpenAiAgentConfig(apiKey, baseUrl, config.string(MODEL).strip(), fallbacks,
                prompt, temperature, (int) config.integer(MAX_HISTORY_MESSAGES),
                (int) config.integer(MAX_CONTEXT_TOKENS), Duration.ofSeconds(config.integer(TIMEOUT_SECONDS)),
                (int) config.integer(MAX_RETRIES), tools, fallbackReply, handoff, qualification, specialists, prices,
                providers);
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
        List<String> tools = config.strings(TOOLS);
        for (int i = 0; i < tools.size(); i++) {
            String field = TOOLS.name() + "[" + i + "]";
            ToolRef.parse(tools.get(i).strip()).flatMap(t -> named.problem(field, t.connection(), t.action()))
                    .ifPresent(errors::add);
        }
        JsonNode intents = config.has(SPECIALISTS) ? config.json(SPECIALISTS).path("intents") : null;
        for (int i = 0; intents != null && intents.isArray() && i < intents.size(); i++) {
            String connection = intents.get(i).path("connection").asText("").strip();
            if (!connection.isEmpty()) {
                named.problem(SPECIALISTS.name() + ".intents[" + i + "].connection", connection,
                        ActionNames.AGENT_REPLY)
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

    /** The first provider's models, in order ({@link #model} then {@link #fallbackModels} without providers). */
    public List<String> models() {
        return providers.get(0).models();
    }

    /** Whether a built-in tool is enabled. */
    boolean enables(String builtin) {
        return tools.contains(builtin);
    }

    /** The base URL without trailing slashes; the spec checks it is absolute http(s), a query it cannot refuse. */
    private static URI baseUrl(URI uri, List<ConfigError> errors) {
        try {
            return io.ponte.kit.BaseUrl.of(BASE_URL, uri);
        } catch (io.ponte.api.config.ConfigException e) {
            errors.addAll(e.errors());
            return URI.create(DEFAULT_BASE_URL);
        }
    }

    @Override
    public String toString() {
        return "OpenAiAgentConfig[apiKey=***, providers=" + providers + ", tools=" + tools
                + ", maxHistoryMessages=" + maxHistoryMessages
                + ", maxContextTokens=" + maxContextTokens + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + "]";
    }
}
