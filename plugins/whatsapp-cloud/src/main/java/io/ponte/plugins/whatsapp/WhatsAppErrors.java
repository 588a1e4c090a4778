package io.ponte.plugins.whatsapp;

import io.ponte.api.action.ActionResult;
import io.ponte.kit.Verdict;
import io.ponte.plugins.meta.GraphErrors;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * WhatsApp's own Graph error codes, read before the reading every Meta product shares ({@link GraphErrors}).
 * Reasons carry Meta's code, message, details and trace id; never a token.
 */
final class WhatsAppErrors {

    /** How long Meta asks to wait after a pair rate limit (one message every 6 s per contact, with bursts). */
    static final Duration PAIR_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    private static final int RE_ENGAGEMENT = 131047;
    private static final int PAIR_RATE_LIMIT = 131056;
    // 131026 undeliverable, 131030 not in the allowed list, 131021 recipient is the sender, 100 invalid parameter,
    // 131009 parameter value not valid, 131051 unsupported message type, 132000/132001 template parameter count /
    // template missing, 131008 required parameter missing, 131052/131053 media download/upload error: failed,
    // whatever the HTTP status says.
    private static final Set<Integer> REJECTED = Set.of(131026, 131030, 131021, 100, 131009, 131051, 132000, 132001,
            131008, 131052, 131053);

    /** The codes of {@code /messages} (sends and mark-as-read). */
    static final GraphErrors.Codes MESSAGES = (error, answer) -> {
        String reason = error.describe();
        if (error.code() == RE_ENGAGEMENT) {
            return Optional.of(Verdict.of(ActionResult.failed("outside WhatsApp's 24-hour customer service window "
                    + "(code 131047): more than 24 hours since the contact's last message, so only an approved "
                    + "template can be sent now. " + reason)));
        }
        if (error.code() == PAIR_RATE_LIMIT) {
            // without a wait the answer's Retry-After applies; Meta rarely sends one here, so a minute by default
            String why = "too many messages to this contact (pair rate limit): " + reason;
            return Optional.of(Verdict.of(answer.header("Retry-After").isPresent() ? ActionResult.retry(why)
                    : ActionResult.retryAfter(PAIR_RATE_LIMIT_WAIT, why)));
        }
        if (REJECTED.contains(error.code())) {
            return Optional.of(Verdict.of(ActionResult.failed(reason)));
        }
        return Optional.empty();
    };

    /** The codes of a media lookup ({@code GET /{media-id}}): an unknown id is media WhatsApp no longer keeps. */
    static final GraphErrors.Codes MEDIA = (error, answer) -> error.httpStatus() == 404 || error.code() == 100
            ? Optional.of(Verdict.of(ActionResult.failed("the media is expired or unknown (WhatsApp keeps inbound "
                    + "media for a limited time): " + error.describe())))
            : Optional.empty();

    private WhatsAppErrors() {
    }
}
