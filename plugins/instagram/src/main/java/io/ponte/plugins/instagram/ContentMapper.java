package io.ponte.plugins.instagram;

import static io.ponte.plugins.instagram.model.MessagingItem.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.Content;
import io.ponte.api.message.Content.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code message} object of an Instagram webhook into normalized {@link Content}, one part per thing
 * said: the text (or quick-reply pick), then each attachment. Nothing is dropped: what has no normalized kind
 * becomes {@link Content.Unsupported} with the provider's JSON. Stateless.
 *
 * <p>Decisions: shared posts and reels ({@code share}, {@code ig_post}, {@code ig_reel}, {@code reel},
 * {@code story}) are {@code Unsupported} with attributes {@code sharedUrl}/{@code sharedTitle}, because their URL
 * may be a page rather than a media file; story mentions are {@code Unsupported} with {@code storyMention=true} and
 * {@code storyUrl}, because Meta forbids storing story media.
 */
final class ContentMapper {

    /** One normalized part and the attributes that belong to it. */
    record Part(Content content, Map<String, String> attributes) {
    }

    private static final Set<String> SHARES = Set.of("share", "ig_post", "ig_reel", "reel", "story");

    private ContentMapper() {
    }

    /** The parts of a {@code message} object, in order; never empty. */
    static List<Part> parts(JsonNode message) {
        List<Part> parts = new ArrayList<>();
        if (message.path("is_unsupported").asBoolean(false)) {
            parts.add(new Part(new Content.Unsupported("unsupported", message.deepCopy()), Map.of()));
            return parts;
        }
        String body = text(message.get("text"));
        String quickReply = text(message.path("quick_reply").get("payload"));
        if (quickReply != null) {
            parts.add(new Part(new Content.InteractiveReply(quickReply, body), Map.of()));
        } else if (body != null) {
            parts.add(new Part(new Content.Text(body), Map.of()));
        }
        JsonNode attachments = message.get("attachments");
        if (attachments != null && attachments.isArray()) {
            for (JsonNode attachment : attachments) {
                parts.add(attachment(attachment));
            }
        } else if (attachments != null && attachments.isObject()) {
            parts.add(attachment(attachments));
        }
        if (parts.isEmpty()) {
            parts.add(new Part(new Content.Unsupported("message", message.deepCopy()), Map.of()));
        }
        return parts;
    }

    private static Part attachment(JsonNode attachment) {
        String type = text(attachment.get("type"));
        JsonNode payload = attachment.path("payload");
        String url = text(payload.get("url"));
        Map<String, String> attributes = new LinkedHashMap<>();
        if (type != null) {
            attributes.put("attachmentType", type);
        }
        if (type == null) {
            return unsupported("attachment", attachment, attributes);
        }
        if ("story_mention".equals(type)) {
            attributes.put("storyMention", "true");
            putIfPresent(attributes, "storyUrl", url);
            putIfPresent(attributes, "storyId", text(payload.get("id")));
            return unsupported(type, attachment, attributes);
        }
        if (SHARES.contains(type)) {
            putIfPresent(attributes, "sharedUrl", url);
            putIfPresent(attributes, "sharedTitle", text(payload.get("title")));
            putIfPresent(attributes, "reelVideoId", text(payload.get("reel_video_id")));
            return unsupported(type, attachment, attributes);
        }
        MediaType mediaType = switch (type) {
            case "image" -> payload.has("sticker_id") ? MediaType.STICKER : MediaType.IMAGE;
            case "video" -> MediaType.VIDEO;
            case "audio" -> MediaType.AUDIO;
            case "file" -> MediaType.DOCUMENT;
            default -> null;
        };
        if (mediaType == null || url == null) {
            return unsupported(type, attachment, attributes);
        }
        putIfPresent(attributes, "stickerId", text(payload.get("sticker_id")));
        return new Part(new Content.Media(mediaType, url, null, null, null, null, null, null), attributes);
    }

    private static Part unsupported(String type, JsonNode raw, Map<String, String> attributes) {
        return new Part(new Content.Unsupported(type, raw.deepCopy()), attributes);
    }

    static void putIfPresent(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
