package io.ponte.plugins.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.RetryAfter;
import io.ponte.kit.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What a Graph API error answer means, as one {@link Provider.ErrorClassifier}: the product's own codes first
 * ({@link Codes}: WhatsApp's re-engagement window, Instagram's messaging window ...), then the reading every Meta
 * product shares ({@link GraphError#kind()}):
 * <ul>
 *   <li>rate limited: retry, after {@code Retry-After} (filled in by {@link Provider}) or else the largest
 *       {@code estimated_time_to_regain_access} of Graph's {@code X-Business-Use-Case-Usage} header;</li>
 *   <li>our credentials refused (expired, revoked, missing a permission): failed, and the connection reported
 *       down;</li>
 *   <li>a temporary problem at Meta: retry; anything else: failed.</li>
 * </ul>
 * Reasons carry Meta's code, message, details and trace id ({@link GraphError#describe()}), never a token.
 * Stateless; thread-safe.
 */
public final class GraphErrors {

    private GraphErrors() {
    }

    /** A product's own reading of Graph error codes, asked before the shared one. Stateless; thread-safe. */
    @FunctionalInterface
    public interface Codes {

        /**
         * Reads an error.
         *
         * @param error  the parsed error
         * @param answer the answer it came in (for its headers)
         * @return the verdict, or empty when the shared reading decides
         */
        Optional<Verdict> classify(GraphError error, ProviderResponse answer);

        /** These codes, and {@code next} for an error they leave to the shared reading. */
        default Codes orElse(Codes next) {
            return (error, answer) -> classify(error, answer).or(() -> next.classify(error, answer));
        }
    }

    /**
     * The classifier of a product's Graph calls.
     *
     * @param product the product's own codes
     * @return the classifier for {@link Provider.Builder#errors}
     */
    public static Provider.ErrorClassifier classifier(Codes product) {
        return answer -> {
            GraphError error = GraphError.of(answer);
            return product.classify(error, answer).orElseGet(() -> shared(error, answer));
        };
    }

    /**
     * The reading every Meta product shares.
     *
     * @param error  the parsed error
     * @param answer the answer it came in
     * @return the verdict
     */
    private static Verdict shared(GraphError error, ProviderResponse answer) {
        String reason = error.describe();
        return switch (error.kind()) {
            case RATE_LIMITED -> Verdict.of(ActionResult.retryAfter(usageEstimate(answer),
                    "rate limited by Meta; " + reason));
            // admins read this as the connection's health until a call works again
            case AUTH -> Verdict.credentialsRefused("Meta rejected the access token or its permissions; " + reason);
            case TRANSIENT -> Verdict.of(ActionResult.retry(reason));
            case PERMANENT -> Verdict.of(ActionResult.failed(reason));
        };
    }

    /**
     * The wait Graph's {@code X-Business-Use-Case-Usage} header names, {@code {"<id>":[{"type":"instagram",
     * "call_count":100,...,"estimated_time_to_regain_access":5}]}}: the largest estimate (minutes), at most
     * {@link RetryAfter#MAX}; null when the answer has a {@code Retry-After} (which wins) or names no wait.
     */
    private static Duration usageEstimate(ProviderResponse answer) {
        if (answer.header("Retry-After").isPresent()) {
            return null;
        }
        String usage = answer.header("X-Business-Use-Case-Usage").orElse(null);
        JsonNode root;
        try {
            root = usage == null ? null : PluginJson.mapper().readTree(usage);
        } catch (IOException e) {
            return null;
        }
        long minutes = 0;
        if (root != null && root.isObject()) {
            for (JsonNode usages : root) {
                for (JsonNode item : usages) {
                    minutes = Math.max(minutes, item.path("estimated_time_to_regain_access").asLong(0));
                }
            }
        }
        return minutes <= 0 ? null : Duration.ofMinutes(Math.min(minutes, RetryAfter.MAX.toMinutes()));
    }
}
