package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.Content;
import io.ponte.api.message.MessageJson;
import io.ponte.plugins.telegram.SendOptions.InvalidInput;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.util.Locale;

/**
 * The {@code message.send} action: reads the shared channel input ({@code to}, {@code text} or {@code content},
 * {@code replyTo}, {@code buttons}) plus Telegram's own options ({@code parseMode}, {@code replyMarkup},
 * {@code disableNotification}, {@code protectContent}, {@code messageThreadId}), checks it, and makes one Bot API
 * call. Input Telegram cannot send fails at once, without a call. Stateless and thread-safe.
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
        } catch (InvalidInput e) {
            return ActionResult.failed(ACTION + ": " + e.getMessage());
        }
        return outcomes.invoke(call, call.method().startsWith("send") ? CallOutcomes::sentMessage
                : CallOutcomes::wholeAnswer);
    }

    /** The Bot API call for this input. */
    static BotApiCall call(JsonNode input) {
        if (!input.isObject()) {
            throw new InvalidInput("input must be a JSON object, not "
                    + input.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return OutboundRequests.build(chatId(input.get("to")), content(input), SendOptions.read(input));
    }

    /** {@code to} as Telegram's {@code chat_id}: a number (negative for groups) or an {@code @channelusername}. */
    private static JsonNode chatId(JsonNode to) {
        if (to == null || to.isNull() || (to.isTextual() && to.textValue().isBlank())) {
            throw new InvalidInput("to is required: the Telegram chat id");
        }
        if (to.isIntegralNumber() && to.canConvertToLong()) {
            return JsonNodeFactory.instance.numberNode(to.longValue());
        }
        if (to.isTextual()) {
            String text = to.textValue().strip();
            if (text.matches("-?[0-9]{1,20}")) {
                try {
                    return JsonNodeFactory.instance.numberNode(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new InvalidInput("to is not a Telegram chat id: out of range");
                }
            }
            if (text.matches("@[A-Za-z][A-Za-z0-9_]{3,31}")) {
                return JsonNodeFactory.instance.textNode(text);
            }
        }
        throw new InvalidInput("to must be a Telegram chat id (an integer, negative for groups) or @channelusername");
    }

    private static Content content(JsonNode input) {
        JsonNode content = input.get("content");
        if (content != null && !content.isNull()) {
            try {
                Content parsed = MessageJson.mapper().treeToValue(content, Content.class);
                if (parsed == null) {
                    throw new InvalidInput("content must be a Content object with a kind");
                }
                return parsed;
            } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                int newline = message.indexOf('\n');
                throw new InvalidInput("content is not a valid Content: "
                        + (newline < 0 ? message : message.substring(0, newline)));
            }
        }
        JsonNode text = input.get("text");
        if (text == null || text.isNull()) {
            throw new InvalidInput("the message is empty: give text or content");
        }
        if (!text.isTextual()) {
            throw new InvalidInput("text must be a string");
        }
        return new Content.Text(text.textValue());
    }
}
