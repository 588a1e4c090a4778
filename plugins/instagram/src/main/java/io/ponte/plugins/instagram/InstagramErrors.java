package io.ponte.plugins.instagram;

import io.ponte.api.action.ActionResult;
import io.ponte.kit.Verdict;
import io.ponte.plugins.meta.GraphErrors;
import java.util.Optional;
import java.util.Set;

/**
 * Instagram's own Send API error codes, read before the reading every Meta product shares ({@link GraphErrors}):
 * code 10 with subcode 2018278 or 2534022 (outside the messaging window), 551 (user unavailable), 100 with subcode
 * 2018001 or 2534014 (no matching user). Each fails the send with that explanation and says nothing of the
 * connection's health. Reasons carry Meta's code, message and trace id; never the token.
 */
final class InstagramErrors {

    private static final Set<Integer> OUTSIDE_WINDOW = Set.of(2018278, 2534022);
    private static final Set<Integer> NO_SUCH_USER = Set.of(2018001, 2534014);

    /** The codes of the Send API. */
    static final GraphErrors.Codes SEND_API = (error, answer) -> {
        String why;
        if (error.code() == 10 && OUTSIDE_WINDOW.contains(error.subcode())) {
            why = "outside Instagram's messaging window: the contact has not written in the last 24 hours "
                    + "(HUMAN_AGENT tag: 7 days, where approved)";
        } else if (error.code() == 551) {
            why = "the Instagram user is unavailable (blocked messages, deactivated or restricted account)";
        } else if (error.code() == 100 && NO_SUCH_USER.contains(error.subcode())) {
            why = "no Instagram user matches this recipient id (use the IGSID from the contact's webhook)";
        } else {
            return Optional.empty();
        }
        return Optional.of(Verdict.of(ActionResult.failed(why + "; " + error.describe())));
    };

    private InstagramErrors() {
    }
}
