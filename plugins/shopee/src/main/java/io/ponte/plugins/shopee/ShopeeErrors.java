package io.ponte.plugins.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;

/**
 * What Shopee's error answers mean. Shopee answers errors as {@code {"request_id","error","message"}}, with HTTP
 * 200 as often as with a 4xx or 5xx, so the client reads the body of a 2xx with {@link #verdict} too. The error may
 * carry a module prefix ({@code product.error_param}); the part after the last dot decides:
 * <ul>
 *   <li>{@code invalid_acceess_token} (Shopee's spelling) and {@code invalid_access_token}: the access token
 *       expired or was rotated; {@link #expiredToken} tells the client to refresh once and call again;</li>
 *   <li>{@code error_auth}, {@code error_sign}, {@code error_permission}, {@code error_shop}: our credentials or
 *       the shop's authorization are refused; failed, and the connection reported down with what to do;</li>
 *   <li>{@code error_too_many_request}, {@code error_server}, {@code error_network}, {@code error_busy},
 *       {@code error_inner}, HTTP 429 and 5xx: worth another try (with Shopee's {@code Retry-After}, if any);</li>
 *   <li>anything else ({@code error_param}, {@code error_not_found}, {@code error_item_not_found} ...): failed.</li>
 * </ul>
 * Reasons quote Shopee's error and message, never a URL (it carries the token and sign). Stateless; thread-safe.
 */
final class ShopeeErrors implements Provider.ErrorClassifier {

    /** The reason prefix of an expired access token, which the client refreshes once. */
    static final String EXPIRED_TOKEN = "Shopee refused the access token as expired";

    @Override
    public Verdict classify(ProviderResponse answer) {
        JsonNode body = answer.json();
        String error = body == null ? "" : body.path("error").asText("");
        String message = body == null ? "" : body.path("message").asText("");
        if (error.isEmpty()) {
            return Provider.byStatus("Shopee", answer);
        }
        return verdict(answer.status(), error, message);
    }

    /**
     * The verdict on an answer that names an error.
     *
     * @param status  the HTTP status (200 included)
     * @param error   Shopee's {@code error}, not empty
     * @param message Shopee's {@code message}, possibly empty
     */
    static Verdict verdict(int status, String error, String message) {
        String code = error.substring(error.lastIndexOf('.') + 1);
        String said = "Shopee answered " + error + (message.isEmpty() ? "" : ": " + message);
        return switch (code) {
            case "invalid_acceess_token", "invalid_access_token" ->
                    Verdict.of(ActionResult.failed(EXPIRED_TOKEN + " (" + said + ")"));
            case "error_auth", "error_permission", "error_shop" -> Verdict.credentialsRefused(said
                    + "; the shop's authorization is refused: have the seller authorize the App again and save the "
                    + "new accessToken and refreshToken on this connection");
            case "error_sign" -> Verdict.credentialsRefused(said
                    + "; check partnerId and partnerKey against the App in Shopee's console");
            case "error_too_many_request", "error_server", "error_network", "error_busy", "error_inner",
                 "error_system" -> Verdict.of(ActionResult.retry(said));
            default -> status == 429 || status >= 500 ? Verdict.of(ActionResult.retry(said))
                    : Verdict.of(ActionResult.failed(said));
        };
    }

    /** Whether an outcome says the access token expired (refresh it and call again, once). */
    static boolean expiredToken(ActionResult result) {
        return result instanceof ActionResult.Failed failed && failed.reason().startsWith(EXPIRED_TOKEN);
    }

    /** What the connection's health is when the tokens no longer work: down, saying what to do. */
    static Health reauthorize(String reason) {
        return Health.down(reason + "; have the seller authorize the App again and save the new accessToken and "
                + "refreshToken on this connection");
    }
}
