package io.ponte.plugins.telegram;

import io.ponte.api.action.ActionResult;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import io.ponte.plugins.telegram.model.BotApiAnswer;
import java.time.Duration;

/**
 * What Telegram's error answers mean: flood control (429, {@code parameters.retry_after}) is retried after the wait
 * Telegram names; a group upgraded to a supergroup ({@code parameters.migrate_to_chat_id}) fails naming the new
 * chat id; a refused token (401) fails and reports the connection down; 5xx is retried; anything else (400 chat not
 * found, 403 bot blocked ...) fails with Telegram's description. Stateless and thread-safe.
 */
final class BotApiErrors implements Provider.ErrorClassifier {

    /** What reasons and health reports say when Telegram refuses the token. */
    static final String TOKEN_REFUSED = "Telegram refused the bot token (401 Unauthorized): check botToken, or get a "
            + "new one from @BotFather";
    /** What health reports say when a call with the token works. */
    static final String TOKEN_ACCEPTED = "Telegram accepts the bot token";

    @Override
    public Verdict classify(ProviderResponse response) {
        return verdict(BotApiAnswer.parse(response.status(), response.body()));
    }

    /** The verdict on an answer that is not {@code ok}. */
    static Verdict verdict(BotApiAnswer answer) {
        if (answer.errorCode() == 401) {
            return Verdict.credentialsRefused(TOKEN_REFUSED);
        }
        if (answer.errorCode() == 429 || answer.retryAfter() != null) {
            Duration after = answer.retryAfter() == null ? null : Duration.ofSeconds(Math.max(0, answer.retryAfter()));
            return Verdict.of(ActionResult.retryAfter(after, "Telegram flood control: " + answer.reason()));
        }
        if (answer.migrateToChatId() != null) {
            return Verdict.of(ActionResult.failed("the group was upgraded to a supergroup; send to its new chat id "
                    + answer.migrateToChatId() + " instead (" + answer.reason() + ")"));
        }
        if (answer.errorCode() >= 500 || answer.httpStatus() >= 500) {
            return Verdict.of(ActionResult.retry(answer.reason()));
        }
        return Verdict.of(ActionResult.failed(answer.reason()));
    }
}
