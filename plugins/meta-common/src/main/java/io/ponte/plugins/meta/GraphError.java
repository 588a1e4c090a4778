package io.ponte.plugins.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.kit.PluginJson;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A Graph API error answer: {@code {"error":{"message","type","code","error_subcode","error_data":{"details"},
 * "fbtrace_id"}}}, with the meaning every Meta product shares ({@link #kind()}). Product-specific codes (WhatsApp's
 * 131047 re-engagement window, Instagram's 551 unavailable user ...) are the product's to read first: see
 * {@link GraphErrors}. Immutable.
 *
 * @param httpStatus the HTTP status of the answer
 * @param code       {@code error.code}, or -1 when absent
 * @param subcode    {@code error.error_subcode}, or -1 when absent (deprecated by WhatsApp from v16.0)
 * @param type       {@code error.type} (e.g. {@code OAuthException}), or null
 * @param message    {@code error.message}, or null
 * @param details    {@code error.error_data.details}, or null
 * @param fbtraceId  {@code error.fbtrace_id}, for Meta support, or null
 */
public record GraphError(int httpStatus, int code, int subcode, String type, String message, String details,
                         String fbtraceId) {

    /** What a Graph error means for the action that met it. */
    public enum Kind {
        /** Throttled (app, account, number or pair rate limits): retry later. */ RATE_LIMITED,
        /** The token is expired, revoked or lacks a permission: fail and mark the connection unhealthy. */ AUTH,
        /** Meta had a temporary problem: retry. */ TRANSIENT,
        /** Anything else: the request itself is wrong; fail. */ PERMANENT
    }

    // 4 app-level, 17 user-level, 32 page-level, 613 custom rate limit, 80007 WABA rate limit,
    // 130429 Cloud API throughput, 131056 (business, consumer) pair rate limit, 131048 spam rate limit.
    private static final Set<Integer> RATE_LIMIT = Set.of(4, 17, 32, 613, 80007, 130429, 131056, 131048);
    // 190 access token expired or invalid, 102 session, 104 token missing, 10 and 200-299 permission denied,
    // 0 AuthException. (Code 10 also carries product errors such as Instagram's messaging window: callers map
    // those subcodes first.)
    private static final Set<Integer> AUTH = Set.of(0, 10, 102, 104, 190);
    // 1 unknown (retry), 2 temporary service problem, 131000 something went wrong, 131016 service unavailable,
    // 133004 server temporarily unavailable.
    private static final Set<Integer> TRANSIENT = Set.of(1, 2, 131000, 131016, 133004);

    /**
     * Reads an error answer.
     *
     * @param answer a non-2xx answer
     * @return the error; when the body is not a Graph error envelope, one with code -1 and the status only
     */
    public static GraphError of(ProviderResponse answer) {
        return parse(answer.status(), answer.body());
    }

    /**
     * Reads an error answer.
     *
     * @param httpStatus the status
     * @param body       the body
     * @return the error; when the body is not a Graph error envelope, one with code -1 and the status only
     */
    public static GraphError parse(int httpStatus, byte[] body) {
        JsonNode error = null;
        try {
            JsonNode root = body.length == 0 ? null : PluginJson.mapper().readTree(body);
            error = root == null ? null : root.get("error");
        } catch (IOException e) {
            // not JSON: fall through with what the status says
        }
        if (error == null || !error.isObject()) {
            return new GraphError(httpStatus, -1, -1, null, null, null, null);
        }
        JsonNode data = error.path("error_data");
        return new GraphError(httpStatus, error.path("code").asInt(-1), error.path("error_subcode").asInt(-1),
                text(error.get("type")), text(error.get("message")), text(data.get("details")),
                text(error.get("fbtrace_id")));
    }

    /** The shared meaning of this error. */
    public Kind kind() {
        if (RATE_LIMIT.contains(code) || httpStatus == 429) {
            return Kind.RATE_LIMITED;
        }
        if (AUTH.contains(code) || (code >= 200 && code <= 299) || httpStatus == 401
                || "OAuthException".equals(type) && code == -1) {
            return Kind.AUTH;
        }
        if (TRANSIENT.contains(code) || httpStatus >= 500 || httpStatus == 408) {
            return Kind.TRANSIENT;
        }
        return Kind.PERMANENT;
    }

    /** One line for a delivery's last error: status, code, message and details; never a token. */
    public String describe() {
        StringBuilder s = new StringBuilder("Graph API HTTP ").append(httpStatus);
        if (code != -1) {
            s.append(", code ").append(code);
            if (subcode != -1) {
                s.append('/').append(subcode);
            }
        }
        if (message != null) {
            s.append(": ").append(message);
        }
        if (details != null && !details.equals(message)) {
            s.append(" (").append(details).append(')');
        }
        if (fbtraceId != null) {
            s.append(" [fbtrace_id ").append(fbtraceId).append(']');
        }
        return s.toString();
    }

    /** The message or details, if any. */
    public Optional<String> text() {
        return Optional.ofNullable(details != null ? details : message);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
