package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.kit.PluginJson;
import io.ponte.kit.SendInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The optional parts of a {@code message.send} input that apply to every Telegram send method, read and checked.
 *
 * @param parseMode           {@code MarkdownV2}, {@code HTML} or {@code Markdown}, or null for plain text
 * @param replyMarkup         the {@code reply_markup} to send (an inline keyboard built from {@code buttons}, or the
 *                            caller's raw {@code replyMarkup}), or null
 * @param replyTo             the {@code message_id} to quote, or null
 * @param disableNotification {@code disable_notification}, or null
 * @param protectContent      {@code protect_content}, or null
 * @param messageThreadId     {@code message_thread_id} (a forum topic), or null
 */
record SendOptions(String parseMode, ObjectNode replyMarkup, Long replyTo, Boolean disableNotification,
                   Boolean protectContent, Long messageThreadId) {

    /** Telegram's parse modes. */
    static final Set<String> PARSE_MODES = Set.of("MarkdownV2", "HTML", "Markdown");
    /** Telegram's limit on {@code callback_data}, in bytes. */
    static final int MAX_CALLBACK_DATA_BYTES = 64;
    /** Telegram's limit on the buttons of one inline keyboard. */
    static final int MAX_BUTTONS = 100;

    /**
     * Reads the options from a {@code message.send} input: {@code replyTo} and {@code buttons} as {@link SendInput}
     * parsed them, Telegram's own fields from {@link SendInput#raw()}.
     *
     * @throws io.ponte.kit.ActionFailure failed, naming the bad field
     */
    static SendOptions read(SendInput in) {
        JsonNode input = in.raw();
        String parseMode = null;
        JsonNode mode = input.get("parseMode");
        if (mode != null && !mode.isNull()) {
            if (!mode.isTextual() || !PARSE_MODES.contains(mode.textValue())) {
                throw MessageSend.invalid("parseMode must be one of MarkdownV2, HTML or Markdown");
            }
            parseMode = mode.textValue();
        }
        ObjectNode markup = markup(in.buttons(), input.get("replyMarkup"));
        return new SendOptions(parseMode, markup, replyTo(in.replyTo()), bool(input, "disableNotification"),
                bool(input, "protectContent"), integer(input, "messageThreadId"));
    }

    /** Writes these options into a send method's parameters. */
    void applyTo(ObjectNode parameters) {
        if (replyTo != null) {
            ObjectNode reply = parameters.putObject("reply_parameters");
            reply.put("message_id", replyTo);
            // A reply must not die because the quoted message was deleted meanwhile.
            reply.put("allow_sending_without_reply", true);
        }
        if (replyMarkup != null) {
            parameters.set("reply_markup", replyMarkup.deepCopy());
        }
        if (disableNotification != null) {
            parameters.put("disable_notification", disableNotification);
        }
        if (protectContent != null) {
            parameters.put("protect_content", protectContent);
        }
        if (messageThreadId != null) {
            parameters.put("message_thread_id", messageThreadId);
        }
    }

    private static ObjectNode markup(List<SendInput.Button> buttons, JsonNode raw) {
        boolean hasRaw = raw != null && !raw.isNull();
        if (!buttons.isEmpty() && hasRaw) {
            throw MessageSend.invalid("give buttons or replyMarkup, not both");
        }
        if (hasRaw) {
            if (!raw.isObject()) {
                throw MessageSend.invalid("replyMarkup must be a Telegram reply markup object, e.g. "
                        + "{\"inline_keyboard\":[[...]]}");
            }
            return (ObjectNode) raw.deepCopy();
        }
        return buttons.isEmpty() ? null : inlineKeyboard(buttons);
    }

    /** One button per row: titles stay readable on phones, like a list. */
    private static ObjectNode inlineKeyboard(List<SendInput.Button> buttons) {
        if (buttons.size() > MAX_BUTTONS) {
            throw MessageSend.invalid("too many buttons: " + buttons.size() + "; Telegram takes at most " + MAX_BUTTONS
                    + " in one inline keyboard");
        }
        ObjectNode markup = PluginJson.mapper().createObjectNode();
        ArrayNode rows = markup.putArray("inline_keyboard");
        for (int i = 0; i < buttons.size(); i++) {
            SendInput.Button button = buttons.get(i);
            if (button.id().getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA_BYTES) {
                throw MessageSend.invalid("buttons[" + i + "].id is over " + MAX_CALLBACK_DATA_BYTES
                        + " bytes, Telegram's limit for callback_data");
            }
            ObjectNode key = rows.addArray().addObject();
            key.put("text", button.title());
            key.put("callback_data", button.id());
        }
        return markup;
    }

    /** {@code replyTo} as the {@code message_id} to quote. */
    private static Long replyTo(String replyTo) {
        if (replyTo == null) {
            return null;
        }
        if (replyTo.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(replyTo);
        }
        throw MessageSend.invalid("replyTo must be an integer id");
    }

    private static Long integer(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.textValue().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(value.textValue());
        }
        throw MessageSend.invalid(field + " must be an integer id");
    }

    private static Boolean bool(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw MessageSend.invalid(field + " must be true or false");
        }
        return value.booleanValue();
    }
}
