package io.ponte.plugins.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The JSON shapes {@link FakeBotApi} answers with, per the Bot API reference (Message, User, Chat, WebhookInfo). */
final class BotApiShapes {

    static final ObjectMapper JSON = new ObjectMapper();

    private BotApiShapes() {
    }

    /** {@code {"ok":true,"result":...}}. */
    static ObjectNode ok(JsonNode result) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ok", true);
        body.set("result", result);
        return body;
    }

    /** {@code {"ok":false,"error_code":...,"description":...}}. */
    static ObjectNode error(int code, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        return body;
    }

    /** The bot's User, as {@code getMe} returns it. */
    static ObjectNode botUser(long botId, String username) {
        ObjectNode bot = JSON.createObjectNode();
        bot.put("id", botId);
        bot.put("is_bot", true);
        bot.put("first_name", "Ponte Test Bot");
        bot.put("username", username);
        bot.put("can_join_groups", true);
        bot.put("can_read_all_group_messages", false);
        bot.put("supports_inline_queries", false);
        return bot;
    }

    /** The Message a {@code send*} method returns, echoing what was sent. */
    static ObjectNode sentMessage(String method, JsonNode p, long messageId, ObjectNode bot) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", messageId);
        message.set("from", bot);
        message.set("chat", chatOf(p.get("chat_id")));
        message.put("date", Instant.now().getEpochSecond());
        String fileId = "BQACAgFakeFile" + messageId;
        switch (method) {
            case "sendmessage" -> message.set("text", p.get("text"));
            case "sendphoto" -> {
                ArrayNode sizes = message.putArray("photo");
                sizes.addObject().put("file_id", fileId + "s").put("file_unique_id", "AQADs" + fileId)
                        .put("file_size", 1_200).put("width", 90).put("height", 90);
                sizes.addObject().put("file_id", fileId).put("file_unique_id", "AQAD" + fileId)
                        .put("file_size", 48_000).put("width", 800).put("height", 800);
            }
            case "sendlocation" -> message.set("location", location(p));
            case "sendvenue" -> {
                message.set("location", location(p));
                ObjectNode venue = message.putObject("venue");
                venue.set("location", location(p));
                venue.set("title", p.get("title"));
                venue.set("address", p.get("address"));
            }
            case "sendcontact" -> {
                ObjectNode contact = message.putObject("contact");
                contact.set("phone_number", p.get("phone_number"));
                contact.set("first_name", p.get("first_name"));
                if (p.has("vcard")) {
                    contact.set("vcard", p.get("vcard"));
                }
            }
            default -> {
                String field = "sendvideonote".equals(method) ? "video_note" : method.substring(4);
                ObjectNode file = message.putObject(field);
                file.put("file_id", fileId);
                file.put("file_unique_id", "AQAD" + fileId);
            }
        }
        if (p.has("caption")) {
            message.set("caption", p.get("caption"));
        }
        if (p.has("reply_markup")) {
            message.set("reply_markup", p.get("reply_markup"));
        }
        return message;
    }

    /** The WebhookInfo for what the last {@code setWebhook} set (empty url when none). */
    static ObjectNode webhookInfo(ObjectNode webhook) {
        ObjectNode info = JSON.createObjectNode();
        info.put("url", webhook.path("url").asText(""));
        info.put("has_custom_certificate", false);
        info.put("pending_update_count", 0);
        if (webhook.has("url")) {
            info.put("max_connections", webhook.path("max_connections").asInt(40));
            if (webhook.has("allowed_updates")) {
                info.set("allowed_updates", webhook.get("allowed_updates"));
            }
        }
        return info;
    }

    private static ObjectNode chatOf(JsonNode chatId) {
        ObjectNode chat = JSON.createObjectNode();
        if (chatId.isTextual() && chatId.asText().startsWith("@")) {
            chat.put("id", -1_009_000_000_000L - Math.abs(chatId.asText().hashCode() % 1_000_000));
            chat.put("title", chatId.asText().substring(1));
            chat.put("username", chatId.asText().substring(1));
            chat.put("type", "channel");
            return chat;
        }
        long id = chatId.asLong();
        chat.put("id", id);
        if (id < 0) {
            chat.put("title", "Group " + -id);
            chat.put("type", id < -1_000_000_000_000L ? "supergroup" : "group");
        } else {
            chat.put("first_name", "User " + id);
            chat.put("type", "private");
        }
        return chat;
    }

    private static ObjectNode location(JsonNode p) {
        ObjectNode location = JSON.createObjectNode();
        location.set("latitude", p.get("latitude"));
        location.set("longitude", p.get("longitude"));
        return location;
    }
}
