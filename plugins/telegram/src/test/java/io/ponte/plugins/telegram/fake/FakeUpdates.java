package io.ponte.plugins.telegram.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Realistic Telegram {@code Update} bodies, as Telegram POSTs them to a webhook (shapes per the Bot API's
 * {@code Update}, {@code Message} and {@code CallbackQuery}). Also reachable as {@link FakeBotApi#textUpdate} and
 * {@link FakeBotApi#callbackUpdate}.
 */
public final class FakeUpdates {

    /** The {@code date} the builders put in messages: 2026-01-01T10:00:00Z. */
    public static final long UPDATE_DATE = 1_767_261_600L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeUpdates() {
    }

    /**
     * A private-chat text message update.
     *
     * @param updateId  the {@code update_id}
     * @param chatId    the user's id, which is also the private chat's id
     * @param firstName the user's first name
     * @param text      the text
     * @return the JSON; the message's {@code message_id} is {@link #messageIdFor(long) messageIdFor(updateId)}
     */
    public static String textUpdate(long updateId, long chatId, String firstName, String text) {
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", updateId);
        ObjectNode message = update.putObject("message");
        message.put("message_id", messageIdFor(updateId));
        message.set("from", user(chatId, firstName));
        message.set("chat", privateChat(chatId, firstName));
        message.put("date", UPDATE_DATE);
        message.put("text", text);
        return update.toString();
    }

    /**
     * A callback query update: the user pressed the inline button {@code buttonText} (callback data {@code data})
     * under a bot message in their private chat.
     *
     * @param updateId   the {@code update_id}
     * @param chatId     the user's id and private chat id
     * @param firstName  the user's first name
     * @param data       the button's {@code callback_data}
     * @param buttonText the button's label
     * @return the JSON; the callback query's id is {@code "cbq-<updateId>"}, the keyboard message's
     *         {@code message_id} is {@code messageIdFor(updateId) - 1}
     */
    public static String callbackUpdate(long updateId, long chatId, String firstName, String data, String buttonText) {
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", updateId);
        ObjectNode query = update.putObject("callback_query");
        query.put("id", "cbq-" + updateId);
        query.set("from", user(chatId, firstName));
        ObjectNode message = query.putObject("message");
        message.put("message_id", messageIdFor(updateId) - 1);
        ObjectNode bot = message.putObject("from");
        bot.put("id", 7_000_000_001L);
        bot.put("is_bot", true);
        bot.put("first_name", "Ponte Test Bot");
        bot.put("username", "ponte_test_bot");
        message.set("chat", privateChat(chatId, firstName));
        message.put("date", UPDATE_DATE);
        message.put("text", "Choose one");
        ObjectNode button = message.putObject("reply_markup").putArray("inline_keyboard").addArray().addObject();
        button.put("text", buttonText);
        button.put("callback_data", data);
        query.put("chat_instance", "-" + (4_000_000_000_000_000L + chatId));
        query.put("data", data);
        return update.toString();
    }

    /** The {@code message_id} the builders give the message of an update. */
    public static long messageIdFor(long updateId) {
        return updateId % 1_000_000 + 100;
    }

    private static ObjectNode user(long id, String firstName) {
        ObjectNode user = JSON.createObjectNode();
        user.put("id", id);
        user.put("is_bot", false);
        user.put("first_name", firstName);
        user.put("language_code", "pt-br");
        return user;
    }

    private static ObjectNode privateChat(long id, String firstName) {
        ObjectNode chat = JSON.createObjectNode();
        chat.put("id", id);
        chat.put("first_name", firstName);
        chat.put("type", "private");
        return chat;
    }
}
