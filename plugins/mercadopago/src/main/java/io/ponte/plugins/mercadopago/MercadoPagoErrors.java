package io.ponte.plugins.mercadopago;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * What Mercado Pago's error answers ({@code {"message","error","status","cause":[{"code","description"}]}}) mean:
 * 401 and 403 refuse the access token (the connection reports down); 429 and 5xx are worth another try (the kit
 * honours {@code Retry-After}); 404 and any other 4xx fail, naming Mercado Pago's message and each cause's code and
 * description. Stateless and thread-safe.
 */
final class MercadoPagoErrors implements Provider.ErrorClassifier {

    /** What reasons and health reports say when Mercado Pago refuses the access token. */
    static final String TOKEN_REFUSED = "Mercado Pago refused the access token: check accessToken (Your "
            + "integrations > Credentials)";

    private static final int MAX_REASON = 1_000;

    @Override
    public Verdict classify(ProviderResponse answer) {
        int status = answer.status();
        String reason = reason(status, answer.json());
        if (status == 401 || status == 403) {
            return Verdict.credentialsRefused(TOKEN_REFUSED + " (" + reason + ")");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Verdict.of(ActionResult.retry(reason));
        }
        return Verdict.of(ActionResult.failed(reason));
    }

    /** "Mercado Pago answered HTTP 400 bad_request: message (2006 Card Token not found; ...)". */
    static String reason(int status, JsonNode body) {
        StringBuilder out = new StringBuilder("Mercado Pago answered HTTP ").append(status);
        if (body == null || !body.isObject()) {
            return out.toString();
        }
        String error = text(body.get("error"));
        String message = text(body.get("message"));
        if (error != null) {
            out.append(' ').append(error);
        }
        if (message != null) {
            out.append(": ").append(message);
        }
        List<String> causes = new ArrayList<>();
        for (JsonNode cause : body.path("cause")) {
            String code = text(cause.get("code"));
            String description = text(cause.get("description"));
            if (code != null || description != null) {
                causes.add(code == null ? description : description == null ? code : code + " " + description);
            }
        }
        if (!causes.isEmpty()) {
            out.append(" (").append(String.join("; ", causes)).append(')');
        }
        return out.length() <= MAX_REASON ? out.toString() : out.substring(0, MAX_REASON - 3) + "...";
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.asText().strip();
        return value.isEmpty() ? null : value.replaceAll("\\p{Cntrl}", " ");
    }
}
