package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.config.ConfigError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One provider of the agent's chain: an entry of the {@code providers} config, or the flat
 * {@code apiKey}/{@code baseUrl}/{@code model}/{@code fallbackModels} fields as a one-provider chain.
 * {@link #toString()} masks the key.
 *
 * @param kind      which API it speaks
 * @param apiKey    its API key; never null
 * @param baseUrl   its base URL, without a trailing slash; never null
 * @param models    the models asked, in order ({@code model}, then {@code fallbackModels}), without repeats; not
 *                  empty
 * @param maxTokens the answer's token limit ({@code max_tokens}, which Anthropic requires; others ignore it)
 * @param timeout   how long one call may take
 */
record ProviderSettings(Kind kind, String apiKey, URI baseUrl, List<String> models, long maxTokens,
                        Duration timeout) {

    /** The API a provider speaks. */
    enum Kind {
        /** OpenAI Chat Completions, or any OpenAI-compatible server. */
        OPENAI("openai", "https://api.openai.com/v1"),
        /** Anthropic's Messages API. */
        ANTHROPIC("anthropic", "https://api.anthropic.com"),
        /** Gemini through Google's OpenAI-compatible endpoint. */
        GEMINI("gemini", "https://generativelanguage.googleapis.com/v1beta/openai");

        private final String id;
        private final String defaultBaseUrl;

        Kind(String id, String defaultBaseUrl) {
            this.id = id;
            this.defaultBaseUrl = defaultBaseUrl;
        }

        /** The config's {@code kind} value and the metrics' {@code provider} tag. */
        String id() {
            return id;
        }

        String defaultBaseUrl() {
            return defaultBaseUrl;
        }

        static Optional<Kind> of(String id) {
            return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
        }
    }

    /** Anthropic requires {@code max_tokens}; a chat reply fits well within this. */
    static final long DEFAULT_MAX_TOKENS = 1024;

    private static final Pattern KEY = Pattern.compile("[!-~]+");

    ProviderSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a provider needs a model");
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Reads the {@code providers} list; each bad entry field is reported as {@code providers[i].<field>}, never with
     * a key's value.
     *
     * @return the providers of the entries that are usable
     */
    static List<ProviderSettings> parse(String field, JsonNode list, Duration timeout, List<ConfigError> errors) {
        List<ProviderSettings> out = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            errors.add(new ConfigError(field, "must be a non-empty array of {\"kind\":\"openai\"|\"anthropic\"|"
                    + "\"gemini\",\"apiKey\",\"model\",\"baseUrl\"?,\"fallbackModels\"?,\"maxTokens\"?}"));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode p = list.get(i);
            if (!p.isObject()) {
                errors.add(new ConfigError(at, "must be an object"));
                continue;
            }
            int before = errors.size();
            p.fieldNames().forEachRemaining(name -> {
                if (!List.of("kind", "apiKey", "baseUrl", "model", "fallbackModels", "maxTokens").contains(name)) {
                    errors.add(new ConfigError(at + "." + name, "is not a provider field"));
                }
            });
            Optional<Kind> kind = Kind.of(p.path("kind").asText(""));
            if (kind.isEmpty()) {
                errors.add(new ConfigError(at + ".kind", "must be openai, anthropic or gemini"));
            }
            String key = p.path("apiKey").isTextual() ? p.path("apiKey").asText() : "";
            if (!KEY.matcher(key).matches()) {
                errors.add(new ConfigError(at + ".apiKey", "must be the provider's API key: printable ASCII "
                        + "without spaces"));
            }
            String model = p.path("model").isTextual() ? p.path("model").asText().strip() : "";
            if (model.isEmpty()) {
                errors.add(new ConfigError(at + ".model", "must name the model asked first"));
            }
            List<String> models = new ArrayList<>(List.of(model));
            JsonNode fallbacks = p.path("fallbackModels");
            if (!fallbacks.isMissingNode() && !fallbacks.isArray()) {
                errors.add(new ConfigError(at + ".fallbackModels", "must be an array of model names"));
            }
            for (JsonNode f : fallbacks.isArray() ? fallbacks : List.<JsonNode>of()) {
                String name = f.isTextual() ? f.asText().strip() : "";
                if (name.isEmpty()) {
                    errors.add(new ConfigError(at + ".fallbackModels", "must not contain empty names"));
                } else if (!models.contains(name)) {
                    models.add(name);
                }
            }
            JsonNode max = p.path("maxTokens");
            long maxTokens = max.isMissingNode() ? DEFAULT_MAX_TOKENS : max.canConvertToLong() && max.isIntegralNumber()
                    ? max.asLong() : -1;
            if (maxTokens < 1 || maxTokens > 128_000) {
                errors.add(new ConfigError(at + ".maxTokens", "must be an integer from 1 to 128000"));
            }
            URI baseUrl = kind.map(k -> baseUrl(at + ".baseUrl", p.path("baseUrl"), k, errors)).orElse(null);
            if (errors.size() == before) {
                out.add(new ProviderSettings(kind.orElseThrow(), key, baseUrl, models, maxTokens, timeout));
            }
        }
        return out;
    }

    /** An absolute http(s) URL without query, fragment or user info; trailing slashes stripped. */
    private static URI baseUrl(String field, JsonNode value, Kind kind, List<ConfigError> errors) {
        String text = value.isMissingNode() || value.isNull() ? kind.defaultBaseUrl() : value.asText("");
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!value.isMissingNode() && !value.isTextual() || !(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                errors.add(new ConfigError(field, "must be an absolute http(s) URL without query, fragment or "
                        + "user info"));
                return null;
            }
            String s = uri.toString();
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            return URI.create(s);
        } catch (URISyntaxException e) {
            errors.add(new ConfigError(field, "must be an absolute http(s) URL"));
            return null;
        }
    }

    /** The provider's client over the hub's HTTP client. */
    ChatProvider open(io.ponte.api.connector.ConnectorContext context) {
        return kind == Kind.ANTHROPIC ? new AnthropicChat(this, context) : new OpenAiChat(this, context);
    }

    @Override
    public String toString() {
        return "ProviderSettings[kind=" + kind.id() + ", apiKey=***, baseUrl=" + baseUrl + ", models=" + models
                + "]";
    }
}
