package io.ponte.plugins.whatsapp;

import io.ponte.api.action.ActionResult;
import io.ponte.api.action.RetryAfter;
import io.ponte.plugins.meta.GraphError;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What a failed {@code /messages} answer means for the delivery. WhatsApp's own codes are mapped first, then the
 * classification every Graph product shares ({@link GraphError#kind()}). Reasons carry the code, Meta's message
 * and details and the fbtrace_id; never a token.
 */
final class GraphOutcome {

    /** How long Meta asks to wait after a pair rate limit (one message every 6 s per contact, with bursts). */
    static final Duration PAIR_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    static final int RE_ENGAGEMENT = 131047;
    static final int PAIR_RATE_LIMIT = 131056;
    // 131026 undeliverable, 131030 not in the allowed list, 131021 recipient is the sender, 100 invalid parameter,
    // 131009 parameter value not valid, 131051 unsupported message type, 132000/132001 template parameter count /
    // template missing, 131008 required parameter missing, 131052/131053 media download/upload error.
    private static final Set<Integer> REJECTED = Set.of(131026, 131030, 131021, 100, 131009, 131051, 132000, 132001,
            131008, 131052, 131053);

    private GraphOutcome() {
    }

    /**
     * The verdict for an error answer.
     *
     * @param error      the parsed error
     * @param retryAfter the {@code Retry-After} header, or null
     * @param now        the current time
     * @return the outcome and whether it means our credentials are rejected
     */
    static Verdict of(GraphError error, String retryAfter, Instant now) {
        Duration after = RetryAfter.parse(retryAfter, now);
        String reason = error.describe();
        if (error.code() == RE_ENGAGEMENT) {
            return new Verdict(ActionResult.failed("outside WhatsApp's 24-hour customer service window (code 131047): "
                    + "more than 24 hours since the contact's last message, so only an approved template can be "
                    + "sent now. " + reason), false);
        }
        if (error.code() == PAIR_RATE_LIMIT) {
            return new Verdict(ActionResult.retryAfter(after != null ? after : PAIR_RATE_LIMIT_WAIT,
                    "too many messages to this contact (pair rate limit): " + reason), false);
        }
        if (REJECTED.contains(error.code())) {
            return new Verdict(ActionResult.failed(reason), false);
        }
        return switch (error.kind()) {
            case RATE_LIMITED -> new Verdict(ActionResult.retryAfter(after, "rate limited: " + reason), false);
            case AUTH -> new Verdict(ActionResult.failed("access token rejected: " + reason), true);
            case TRANSIENT -> new Verdict(ActionResult.retryAfter(after, reason), false);
            case PERMANENT -> new Verdict(ActionResult.failed(reason), false);
        };
    }

    /**
     * @param result       the action's outcome
     * @param authRejected whether the provider refused our credentials (report the connection down)
     */
    record Verdict(ActionResult result, boolean authRejected) {
    }
}
