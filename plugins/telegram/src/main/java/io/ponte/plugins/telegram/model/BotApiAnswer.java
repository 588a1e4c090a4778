package io.ponte.plugins.telegram.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.kit.PluginJson;
import java.io.IOException;

/**
 * The Bot API's response envelope: {@code {"ok":true,"result":...}} or
 * {@code {"ok":false,"error_code":429,"description":"...","parameters":{"retry_after":8}}}.
 *
 * @param httpStatus      the HTTP status Telegram answered with
 * @param ok              whether the call succeeded
 * @param result          the {@code result} on success, else null
 * @param errorCode       {@code error_code} on failure (the HTTP status when the body has none), else 0
 * @param description     {@code description}, or a short text of ours when the body is not Bot API JSON; may be
 *                        null on success
 * @param retryAfter      {@code parameters.retry_after} in seconds (flood control), or null
 * @param migrateToChatId {@code parameters.migrate_to_chat_id} (the group became a supergroup), or null
 * @param body            the whole parsed body, or null when it was not JSON
 */
public record BotApiAnswer(int httpStatus, boolean ok, JsonNode result, int errorCode, String description,
                           Long retryAfter, Long migrateToChatId, JsonNode body) {

    /**
     * Reads a Bot API response. Never throws: a body that is not the Bot API's JSON becomes a failed answer whose
     * error code is the HTTP status.
     *
     * @param httpStatus the HTTP status
     * @param bytes      the raw body
     * @return the answer
     */
    public static BotApiAnswer parse(int httpStatus, byte[] bytes) {
        JsonNode body;
        try {
            body = bytes.length == 0 ? null : PluginJson.mapper().readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("ok").isBoolean()) {
            return new BotApiAnswer(httpStatus, false, null, httpStatus,
                    "HTTP " + httpStatus + " without a Bot API answer", null, null, null);
        }
        boolean ok = body.get("ok").booleanValue() && httpStatus >= 200 && httpStatus < 300;
        JsonNode parameters = body.path("parameters");
        int errorCode = ok ? 0 : body.path("error_code").canConvertToInt() && body.path("error_code").intValue() > 0
                ? body.path("error_code").intValue() : httpStatus;
        return new BotApiAnswer(httpStatus, ok, ok ? body.get("result") : null, errorCode,
                body.path("description").isTextual() ? body.get("description").textValue() : null,
                parameters.path("retry_after").canConvertToLong() ? parameters.get("retry_after").longValue() : null,
                parameters.path("migrate_to_chat_id").canConvertToLong()
                        ? parameters.get("migrate_to_chat_id").longValue() : null,
                body);
    }

    /** The description, or {@code "error <code>"} when Telegram gave none. */
    public String reason() {
        return description != null && !description.isBlank() ? description : "error " + errorCode;
    }
}
