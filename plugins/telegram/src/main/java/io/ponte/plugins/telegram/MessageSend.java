package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.SendInput;
import io.ponte.plugins.telegram.model.BotApiCall;

/**
 * The {@code message.send} action: reads the shared channel input ({@code to}, {@code text} or {@code content},
 * {@code replyTo}, {@code buttons}) with {@link SendInput}, plus Telegram's own options ({@code parseMode},
 * {@code replyMarkup}, {@code disableNotification}, {@code protectContent}, {@code messageThreadId}), checks it,
 * and makes one Bot API call. Input Telegram cannot send fails at once, without a call (an {@link ActionFailure}
 * for the connector's action table). Stateless and thread-safe.
 *
 * <p>Telegram ids are numbers, so {@code to} and {@code replyTo} may also be given as JSON integers; they are read
 * as their decimal string.
 *
 * <p>The Bot API takes no idempotency key, so a retry after a lost answer may send a message twice; the hub's
 * delivery id is not passed.
 */
final class MessageSend {

    private final TelegramClient client;

    MessageSend(TelegramClient client) {
        this.client = client;
    }

    ActionResult send(ActionRequest request) {
        BotApiCall call = call(request.input());
        return client.call(call, call.method().startsWith("send") ? TelegramClient::sentMessage
                : TelegramClient::wholeAnswer);
    }

    /**
     * The Bot API call for this input.
     *
     * @throws ActionFailure failed, when the input is malformed or Telegram cannot send it as given
     */
    static BotApiCall call(JsonNode input) {
        SendInput in = SendInput.parse(input);
        return OutboundRequests.build(chatId(in.to()), in.content(), SendOptions.read(in));
    }

    /** Input Telegram cannot send as given; the reason names what is wrong. */
    static ActionFailure invalid(String reason) {
        return ActionFailure.failed(ActionNames.MESSAGE_SEND + ": " + reason);
    }

    /** {@code to} as Telegram's {@code chat_id}: a number (negative for groups) or an {@code @channelusername}. */
    private static JsonNode chatId(String to) {
        if (to.matches("-?[0-9]{1,20}")) {
            try {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(to));
            } catch (NumberFormatException e) {
                throw invalid("to is not a Telegram chat id: out of range");
            }
        }
        if (to.matches("@[A-Za-z][A-Za-z0-9_]{3,31}")) {
            return JsonNodeFactory.instance.textNode(to);
        }
        throw invalid("to must be a Telegram chat id (an integer, negative for groups) or @channelusername");
    }
}
