package io.ponte.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.util.Optional;

/**
 * What Stripe's error answers ({@code {"error":{"type","code","message","param","decline_code"}}}) mean, from
 * docs.stripe.com/api/errors and /error-low-level:
 * <ul>
 *   <li>401 or {@code authentication_error}: the key is refused; failed, and the connection reported down;</li>
 *   <li>409 (an idempotency key in use or reused): failed, with Stripe's message; a new delivery gets a new key;</li>
 *   <li>{@code Stripe-Should-Retry: false}: failed, whatever the status (Stripe replays a saved error for the same
 *       idempotency key, so trying again cannot help); {@code true}: retried;</li>
 *   <li>429 or a {@code rate_limit} code: retried (after {@code Retry-After} when Stripe sends one);</li>
 *   <li>5xx or {@code api_error}: retried, with the same idempotency key, so a lost answer never charges twice;</li>
 *   <li>anything else ({@code card_error}, {@code invalid_request_error}, {@code idempotency_error}, 403
 *       {@code permission_error} …): failed with Stripe's message and code.</li>
 * </ul>
 * Reasons carry Stripe's message and code, never its {@code request_log_url} nor the key (Stripe's 401 message quotes
 * part of it, so it is left out). Stateless and thread-safe.
 */
final class StripeErrors implements Provider.ErrorClassifier {

    /** What reasons and health reports say when Stripe refuses the key. */
    static final String KEY_REFUSED = "Stripe refused the API key (401 authentication_error): check apiKey in "
            + "Dashboard → Developers → API keys";
    /** What health reports say when a call with the key works. */
    static final String KEY_ACCEPTED = "Stripe accepts the API key";

    @Override
    public Verdict classify(ProviderResponse answer) {
        StripeError error = StripeError.read(answer.json());
        int status = answer.status();
        if (status == 401 || "authentication_error".equals(error.type())) {
            return Verdict.credentialsRefused(KEY_REFUSED);
        }
        if (status == 409) {
            return Verdict.of(ActionResult.failed("Stripe refused a conflicting request (409): " + error.words()));
        }
        Optional<String> shouldRetry = answer.header("Stripe-Should-Retry");
        if (shouldRetry.filter("false"::equalsIgnoreCase).isPresent()) {
            return Verdict.of(ActionResult.failed("Stripe answered " + status + " and says not to retry: "
                    + error.words()));
        }
        if (status == 429 || "rate_limit".equals(error.code())) {
            return Verdict.of(ActionResult.retry("Stripe rate limit (" + status + "): " + error.words()));
        }
        if (status >= 500 || "api_error".equals(error.type())
                || shouldRetry.filter("true"::equalsIgnoreCase).isPresent()) {
            return Verdict.of(ActionResult.retry("Stripe answered " + status + ": " + error.words()));
        }
        return Verdict.of(ActionResult.failed("Stripe refused the request (" + status + "): " + error.words()));
    }

    /**
     * Stripe's error object.
     *
     * @param type        {@code card_error}, {@code invalid_request_error}, {@code api_error} …, or null
     * @param code        the error code ({@code resource_missing}, {@code card_declined} …), or null
     * @param declineCode the card issuer's reason, or null
     * @param message     Stripe's words, or null
     * @param param       the parameter at fault, or null
     */
    record StripeError(String type, String code, String declineCode, String message, String param) {

        /** The error of an answer; all nulls when it has none. */
        static StripeError read(JsonNode body) {
            JsonNode error = body == null ? null : body.get("error");
            if (error == null || !error.isObject()) {
                return new StripeError(null, null, null, null, null);
            }
            return new StripeError(text(error, "type"), text(error, "code"), text(error, "decline_code"),
                    text(error, "message"), text(error, "param"));
        }

        /** {@code No such charge: 'ch_x' (invalid_request_error, code resource_missing, param charge)}. */
        String words() {
            StringBuilder words = new StringBuilder(message == null ? "no error message" : message);
            StringBuilder detail = new StringBuilder();
            append(detail, null, type);
            append(detail, "code", code);
            append(detail, "decline_code", declineCode);
            append(detail, "param", param);
            return detail.isEmpty() ? words.toString() : words.append(" (").append(detail).append(')').toString();
        }

        private static void append(StringBuilder detail, String name, String value) {
            if (value != null) {
                detail.append(detail.isEmpty() ? "" : ", ").append(name == null ? "" : name + " ").append(value);
            }
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value != null && value.isTextual() ? value.textValue() : null;
        }
    }
}
