package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.Content;
import io.ponte.api.message.Content.MediaType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the content of one Telegram {@code Message} into the normalized {@link Content}. Anything without a
 * mapping (polls, dice, games, stories, service messages such as {@code new_chat_members}) becomes
 * {@link Content.Unsupported} with the whole message as raw JSON: nothing is dropped. Stateless.
 *
 * <p>Order matters where Telegram sets two fields for one thing: an {@code animation} also carries a
 * {@code document} (for old clients), and a {@code venue} also carries a {@code location}.
 */
final class MessageContents {

    /** Telegram gives no MIME type for photos; its servers always store them as JPEG. */
    static final String PHOTO_MIME = "image/jpeg";

    // Message fields that describe the message rather than say something; the first other field names its type.
    private static final Set<String> METADATA = Set.of("message_id", "message_thread_id", "direct_messages_topic",
            "from", "sender_chat", "sender_boost_count", "sender_business_bot", "date", "business_connection_id",
            "chat", "forward_origin", "is_topic_message", "is_automatic_forward", "reply_to_message",
            "external_reply", "quote", "reply_to_story", "reply_to_checklist_task_id", "via_bot", "edit_date",
            "has_protected_content", "is_from_offline", "is_paid_post", "media_group_id", "author_signature",
            "paid_star_count", "caption", "caption_entities", "show_caption_above_media", "has_media_spoiler",
            "entities", "link_preview_options", "effect_id", "reply_markup", "suggested_post_info");

    private MessageContents() {
    }

    /**
     * The content of a message.
     *
     * @param message a Telegram {@code Message} object
     * @return its content; never null
     */
    static Content read(JsonNode message) {
        String caption = text(message, "caption");
        if (message.path("text").isTextual()) {
            return new Content.Text(message.get("text").textValue());
        }
        Content content = null;
        if (message.path("animation").isObject()) {
            content = media(MediaType.VIDEO, message.get("animation"), "video/mp4", caption);
        } else if (message.path("photo").isArray() && !message.get("photo").isEmpty()) {
            content = media(MediaType.IMAGE, largest(message.get("photo")), PHOTO_MIME, caption);
        } else if (message.path("document").isObject()) {
            content = media(MediaType.DOCUMENT, message.get("document"), null, caption);
        } else if (message.path("audio").isObject()) {
            content = media(MediaType.AUDIO, message.get("audio"), null, caption);
        } else if (message.path("voice").isObject()) {
            content = media(MediaType.VOICE, message.get("voice"), "audio/ogg", caption);
        } else if (message.path("video").isObject()) {
            content = media(MediaType.VIDEO, message.get("video"), "video/mp4", caption);
        } else if (message.path("video_note").isObject()) {
            content = media(MediaType.VIDEO, message.get("video_note"), "video/mp4", caption);
        } else if (message.path("sticker").isObject()) {
            JsonNode sticker = message.get("sticker");
            content = media(MediaType.STICKER, sticker, stickerMime(sticker), null);
        } else if (message.path("venue").isObject()) {
            content = venue(message.get("venue"));
        } else if (message.path("location").isObject()) {
            content = location(message.get("location"), null, null);
        } else if (message.path("contact").isObject()) {
            content = contact(message.get("contact"));
        }
        return content != null ? content : new Content.Unsupported(type(message), message.deepCopy());
    }

    /** The message's type: the first field that is not metadata ({@code poll}, {@code dice} ...). */
    static String type(JsonNode message) {
        for (Iterator<String> it = message.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!METADATA.contains(name)) {
                return name;
            }
        }
        return "unknown";
    }

    /** Sticker formats: {@code .tgs} (animated), {@code .webm} (video) or {@code .webp} (static). */
    static String stickerMime(JsonNode sticker) {
        if (sticker.path("is_animated").asBoolean(false)) {
            return "application/x-tgsticker";
        }
        return sticker.path("is_video").asBoolean(false) ? "video/webm" : "image/webp";
    }

    /** The biggest of the sizes Telegram offers (by pixels, then bytes; the later one on a tie). */
    private static JsonNode largest(JsonNode sizes) {
        JsonNode best = null;
        for (JsonNode size : sizes) {
            if (best == null || compare(size, best) >= 0) {
                best = size;
            }
        }
        return best;
    }

    private static int compare(JsonNode a, JsonNode b) {
        int byPixels = Long.compare(a.path("width").asLong() * a.path("height").asLong(),
                b.path("width").asLong() * b.path("height").asLong());
        return byPixels != 0 ? byPixels : Long.compare(a.path("file_size").asLong(), b.path("file_size").asLong());
    }

    private static Content media(MediaType type, JsonNode file, String defaultMime, String caption) {
        String fileId = text(file, "file_id");
        if (fileId == null) {
            return null;
        }
        String mime = text(file, "mime_type");
        return new Content.Media(type, null, fileId, mime != null ? mime : defaultMime, null, caption,
                text(file, "file_name"), file.path("file_size").canConvertToLong() ? file.get("file_size").longValue()
                : null);
    }

    private static Content venue(JsonNode venue) {
        JsonNode location = venue.path("location");
        if (!location.isObject()) {
            return null;
        }
        return location(location, text(venue, "title"), text(venue, "address"));
    }

    private static Content location(JsonNode location, String name, String address) {
        if (!location.path("latitude").isNumber() || !location.path("longitude").isNumber()) {
            return null;
        }
        return new Content.Location(location.get("latitude").doubleValue(), location.get("longitude").doubleValue(),
                name, address);
    }

    private static Content contact(JsonNode contact) {
        String phone = text(contact, "phone_number");
        String name = join(text(contact, "first_name"), text(contact, "last_name"));
        List<String> phones = new ArrayList<>();
        if (phone != null) {
            phones.add(phone);
        }
        return new Content.Contacts(List.of(new Content.SharedContact(name, phones, List.of())));
    }

    /** First and last name joined by a space, either may be missing; null when both are. */
    static String join(String first, String last) {
        if (first == null || first.isBlank()) {
            return last == null || last.isBlank() ? null : last;
        }
        return last == null || last.isBlank() ? first : first + " " + last;
    }

    /** A string field, or null when absent or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
