package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.config.ConfigError;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.kit.agent.Turn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens one reply used (every model call of it: classifier, tool rounds) and what they cost. Each call is
 * counted at once ({@code agent.tokens} by direction, model and provider, {@code agent.cost.usd} by model and
 * provider); the totals go
 * into the reply's output and one {@code conversation.note}. Not thread-safe: one per reply.
 */
final class Usage {

    /**
     * A model's price.
     *
     * @param input  USD per 1M input (prompt) tokens
     * @param output USD per 1M output (completion) tokens
     */
    record Price(BigDecimal input, BigDecimal output) {

        static Map<String, Price> parseTable(JsonNode node, List<ConfigError> errors) {
            Map<String, Price> out = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                errors.add(new ConfigError(OpenAiAgentConfig.PRICES.name(), "must be an object {\"<model>\":{\"input\":"
                        + "<USD per 1M>,\"output\":<USD per 1M>}}"));
                return out;
            }
            node.fields().forEachRemaining(e -> {
                JsonNode in = e.getValue().path("input");
                JsonNode outp = e.getValue().path("output");
                if (!in.isNumber() || !outp.isNumber() || in.decimalValue().signum() < 0
                        || outp.decimalValue().signum() < 0) {
                    errors.add(new ConfigError(OpenAiAgentConfig.PRICES.name() + "." + e.getKey(), "needs non-negative "
                            + "numbers \"input\" and \"output\" (USD per 1M tokens)"));
                } else {
                    out.put(e.getKey(), new Price(in.decimalValue(), outp.decimalValue()));
                }
            });
            return out;
        }
    }

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, Price> prices;
    private final ConnectorMetrics metrics;
    private long inputTokens;
    private long outputTokens;
    private BigDecimal cost = BigDecimal.ZERO;
    private String model;
    private String provider;

    Usage(Map<String, Price> prices, ConnectorMetrics metrics) {
        this.prices = prices;
        this.metrics = metrics;
    }

    /** Counts one answered call of {@code requestedModel} at {@code provider}. */
    void add(String provider, String requestedModel, Chat.Answer answer) {
        model = requestedModel;
        this.provider = provider;
        if (!answer.usage()) {
            return;
        }
        long in = answer.inputTokens();
        long out = answer.outputTokens();
        inputTokens += in;
        outputTokens += out;
        BigDecimal usd = cost(requestedModel, answer.servedModel(), in, out);
        cost = cost.add(usd);
        metrics.count("agent.tokens", in, "direction", "input", "model", requestedModel, "provider", provider);
        metrics.count("agent.tokens", out, "direction", "output", "model", requestedModel, "provider", provider);
        metrics.count("agent.cost.usd", usd.doubleValue(), "model", requestedModel, "provider", provider);
    }

    boolean any() {
        return model != null;
    }

    /** When any model answered: the usage into the turn's output and a {@code usage} note to go with the answer. */
    void keep(Turn turn) {
        if (any()) {
            turn.output().set("usage", json());
            turn.note("usage", Json.object().set("usage", json()));
        }
    }

    /** {@code {"model":..,"provider":..,"inputTokens":..,"outputTokens":..,"costUsd":..}}, of the last call. */
    ObjectNode json() {
        ObjectNode n = Json.object();
        n.put("model", model);
        n.put("provider", provider);
        n.put("inputTokens", inputTokens);
        n.put("outputTokens", outputTokens);
        n.put("costUsd", cost.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros());
        return n;
    }

    /** Exact price first, then the served model id (a dated snapshot of a priced model), else zero. */
    private BigDecimal cost(String requested, String served, long in, long out) {
        Price p = prices.get(requested);
        if (p == null && served != null) {
            p = prices.get(served);
            for (Map.Entry<String, Price> e : prices.entrySet()) {
                if (p == null && served.startsWith(e.getKey() + "-20")) {
                    p = e.getValue();
                }
            }
        }
        if (p == null) {
            return BigDecimal.ZERO;
        }
        return p.input().multiply(BigDecimal.valueOf(in)).add(p.output().multiply(BigDecimal.valueOf(out)))
                .divide(MILLION, 9, RoundingMode.HALF_UP);
    }
}
