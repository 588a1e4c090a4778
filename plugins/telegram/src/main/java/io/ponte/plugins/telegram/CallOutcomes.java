package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.plugins.telegram.model.BotApiAnswer;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Makes Bot API calls for the actions and turns every answer into an {@link ActionResult}: flood control (429
 * with {@code retry_after}) and 5xx, network errors and timeouts are retried; 400 and 403 (chat not found, bot
 * blocked, user deactivated, bad request) fail with Telegram's description; a group upgraded to a supergroup fails
 * naming the new chat id; 401 fails and reports the connection down, until a call works again. Thread-safe.
 */
final class CallOutcomes {

    /** What health reports say when Telegram refuses the token. */
    static final String TOKEN_REFUSED = "Telegram refused the bot token (401 Unauthorized): check botToken, or get a "
            + "new one from @BotFather";
    /** What health reports say when a call with the token works. */
    static final String TOKEN_ACCEPTED = "Telegram accepts the bot token";

    private final TelegramClient client;
    private final ConnectorContext context;

    CallOutcomes(TelegramClient client, ConnectorContext context) {
        this.client = client;
        this.context = context;
    }

    /**
     * Calls the method and maps the outcome.
     *
     * @param call      the call
     * @param onSuccess builds the result from a successful answer
     * @return the outcome
     */
    ActionResult invoke(BotApiCall call, Function<BotApiAnswer, ActionResult> onSuccess) {
        BotApiAnswer answer;
        try {
            answer = client.call(call);
        } catch (HttpTimeoutException e) {
            return ActionResult.retry(e.getMessage());
        } catch (io.ponte.api.error.OutboundDeniedException e) {
            return ActionResult.failed(e.getMessage());
        } catch (IOException e) {
            return ActionResult.retry(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.retry(call.method() + ": interrupted");
        }
        observe(answer);
        return answer.ok() ? onSuccess.apply(answer) : failure(call.method(), answer);
    }

    /** Delivered with the sent Message's {@code message_id} as external ref and the Message as output. */
    static ActionResult sentMessage(BotApiAnswer answer) {
        JsonNode id = answer.result() == null ? null : answer.result().get("message_id");
        return new ActionResult.Delivered(id != null && id.canConvertToLong() ? id.asText() : null, answer.result());
    }

    /** Delivered without external ref; the output is Telegram's whole answer. */
    static ActionResult wholeAnswer(BotApiAnswer answer) {
        return new ActionResult.Delivered(null, answer.body());
    }

    /**
     * Keeps the connection's reported health in step with what Telegram says of the token: down on a 401, up on
     * any successful call. Reports every time; the hub ignores a repeat of the current verdict.
     */
    void observe(BotApiAnswer answer) {
        if (answer.errorCode() == 401) {
            context.reportHealth(Health.down(TOKEN_REFUSED));
        } else if (answer.ok()) {
            context.reportHealth(Health.up(TOKEN_ACCEPTED));
        }
    }

    private ActionResult failure(String method, BotApiAnswer answer) {
        String reason = method + ": " + answer.reason();
        if (answer.errorCode() == 401) {
            return ActionResult.failed(TOKEN_REFUSED);
        }
        if (answer.errorCode() == 429 || answer.retryAfter() != null) {
            Duration after = answer.retryAfter() == null ? null : Duration.ofSeconds(Math.max(0, answer.retryAfter()));
            return ActionResult.retryAfter(after, "Telegram flood control: " + reason);
        }
        if (answer.migrateToChatId() != null) {
            return ActionResult.failed("the group was upgraded to a supergroup; send to its new chat id "
                    + answer.migrateToChatId() + " instead (" + reason + ")");
        }
        if (answer.errorCode() >= 500 || answer.httpStatus() >= 500) {
            return ActionResult.retry(reason);
        }
        if (answer.body() == null && answer.httpStatus() < 300) {
            // 2xx without a Bot API body (a proxy?): the message may or may not be out; at-least-once says retry.
            return ActionResult.retry(reason);
        }
        return ActionResult.failed(reason);
    }
}
