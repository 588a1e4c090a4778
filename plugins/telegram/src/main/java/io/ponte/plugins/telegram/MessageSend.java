package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.SendInput;
import io.ponte.api.error.PermanentException;
import io.ponte.plugins.telegram.SendOptions.InvalidInput;
import io.ponte.plugins.telegram.model.BotApiCall;

/**
 * The {@code message.send} action: reads the shared channel input ({@code to}, {@code text} or {@code content},
 * {@code replyTo}, {@code buttons}) with {@link SendInput}, plus Telegram's own options ({@code parseMode},
 * {@code replyMarkup}, {@code disableNotification}, {@code protectContent}, {@code messageThreadId}), checks it,
 * and makes one Bot API call. Input Telegram cannot send fails at once, without a call. Stateless and thread-safe.
 *
 * <p>Telegram ids are numbers, so {@code to} and {@code replyTo} may also be given as JSON integers; they are read
 * as their decimal string.
 *
 * <p>The Bot API takes no idempotency key, so a retry after a lost answer may send a message twice; the hub's
 * delivery id is not passed.
 */
final class MessageSend {

    /** The action's name. */
    static final String ACTION = "message.send";

    private final CallOutcomes outcomes;

    MessageSend(CallOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    ActionResult send(ActionRequest request) {
        BotApiCall call;
        try {
            call = call(request.input());
        } catch (PermanentException e) {
            return ActionResult.failed(e.getMessage());
        } catch (InvalidInput e) {
            return ActionResult.failed(ACTION + ": " + e.getMessage());
        }
        return outcomes.invoke(call, call.method().startsWith("send") ? CallOutcomes::sentMessage
                : CallOutcomes::wholeAnswer);
    }

    /**
     * The Bot API call for this input.
     *
     * @throws PermanentException when the shared {@code message.send} input is malformed
     * @throws InvalidInput       when Telegram cannot send it as given
     */
    static BotApiCall call(JsonNode input) {
        SendInput in = SendInput.parse(input);
        return OutboundRequests.build(chatId(in.to()), in.content(), SendOptions.read(in));
    }

    /** {@code to} as Telegram's {@code chat_id}: a number (negative for groups) or an {@code @channelusername}. */
    private static JsonNode chatId(String to) {
        if (to.matches("-?[0-9]{1,20}")) {
            try {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(to));
            } catch (NumberFormatException e) {
                throw new InvalidInput("to is not a Telegram chat id: out of range");
            }
        }
        if (to.matches("@[A-Za-z][A-Za-z0-9_]{3,31}")) {
            return JsonNodeFactory.instance.textNode(to);
        }
        throw new InvalidInput("to must be a Telegram chat id (an integer, negative for groups) or @channelusername");
    }
}
