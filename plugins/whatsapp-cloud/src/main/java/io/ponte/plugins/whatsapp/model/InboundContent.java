package io.ponte.plugins.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.Content;
import io.ponte.api.message.Content.MediaType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Maps one {@code messages[]} item of a WhatsApp webhook to normalized {@link Content}. Total: a type it does not
 * know, or a known type missing what makes it that type, becomes {@link Content.Unsupported} with the whole
 * message JSON, never an exception and never a drop.
 */
public final class InboundContent {

    private InboundContent() {
    }

    /**
     * The content of a message.
     *
     * @param message one {@code messages[]} object
     * @return the normalized content; never null
     */
    public static Content of(JsonNode message) {
        String type = Json.text(message, "type");
        if (type == null) {
            return new Content.Unsupported("unknown", message);
        }
        Content content = switch (type) {
            case "text" -> text(message.path("text"));
            case "image" -> media(MediaType.IMAGE, message.path("image"));
            case "video" -> media(MediaType.VIDEO, message.path("video"));
            case "document" -> media(MediaType.DOCUMENT, message.path("document"));
            case "sticker" -> media(MediaType.STICKER, message.path("sticker"));
            case "audio" -> media(message.path("audio").path("voice").asBoolean(false)
                    ? MediaType.VOICE : MediaType.AUDIO, message.path("audio"));
            case "location" -> location(message.path("location"));
            case "contacts" -> contacts(message.path("contacts"));
            case "interactive" -> interactive(message.path("interactive"));
            case "button" -> button(message.path("button"));
            case "reaction" -> reaction(message.path("reaction"));
            default -> null;
        };
        return content != null ? content : new Content.Unsupported(type, message);
    }

    /**
     * Converts WhatsApp's base64 SHA-256 (webhooks) or a hex one to lower-case hex, the form the hub checks.
     *
     * @param value the provider's value, or null
     * @return 64 lower-case hex digits, or null when absent or not a SHA-256
     */
    public static String sha256Hex(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() == 64 && v.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return v.toLowerCase(Locale.ROOT);
        }
        try {
            byte[] digest = Base64.getDecoder().decode(v);
            return digest.length == 32 ? HexFormat.of().formatHex(digest) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Content text(JsonNode text) {
        String body = Json.text(text, "body");
        return body == null ? null : new Content.Text(body);
    }

    /** The lookaside {@code url} WhatsApp may add needs our token, so it is no URL for others: the id is kept. */
    private static Content media(MediaType mediaType, JsonNode media) {
        String id = Json.text(media, "id");
        if (id == null) {
            return null;
        }
        return new Content.Media(mediaType, null, id, Json.text(media, "mime_type"),
                sha256Hex(Json.text(media, "sha256")), Json.text(media, "caption"), Json.text(media, "filename"),
                null);
    }

    private static Content location(JsonNode location) {
        JsonNode lat = location.get("latitude");
        JsonNode lon = location.get("longitude");
        if (!Json.isNumeric(lat) || !Json.isNumeric(lon)) {
            return null;
        }
        return new Content.Location(Double.parseDouble(lat.asText()), Double.parseDouble(lon.asText()),
                Json.text(location, "name"), Json.text(location, "address"));
    }

    private static Content contacts(JsonNode contacts) {
        if (!contacts.isArray() || contacts.isEmpty()) {
            return null;
        }
        List<Content.SharedContact> cards = new ArrayList<>();
        for (JsonNode card : contacts) {
            List<String> phones = new ArrayList<>();
            card.path("phones").forEach(p -> {
                String phone = Json.text(p, "phone");
                phones.add(phone != null ? phone : Json.text(p, "wa_id"));
            });
            phones.removeIf(Objects::isNull);
            List<String> emails = new ArrayList<>();
            card.path("emails").forEach(e -> {
                String email = Json.text(e, "email");
                if (email != null) {
                    emails.add(email);
                }
            });
            cards.add(new Content.SharedContact(name(card.path("name")), phones, emails));
        }
        return new Content.Contacts(cards);
    }

    private static String name(JsonNode name) {
        String formatted = Json.text(name, "formatted_name");
        if (formatted != null) {
            return formatted;
        }
        String joined = String.join(" ", Stream.of("first_name", "last_name")
                .map(f -> Json.text(name, f)).filter(Objects::nonNull).toList());
        return joined.isEmpty() ? null : joined;
    }

    /** {@code button_reply} and {@code list_reply} are picks of options we offered; others (flows ...) are kept raw. */
    private static Content interactive(JsonNode interactive) {
        String kind = Json.text(interactive, "type");
        if (!"button_reply".equals(kind) && !"list_reply".equals(kind)) {
            return null;
        }
        JsonNode reply = interactive.path(kind);
        String id = Json.text(reply, "id");
        return id == null ? null : new Content.InteractiveReply(id, Json.text(reply, "title"));
    }

    /** A template's quick-reply button: {@code payload} is the id the template set, {@code text} its label. */
    private static Content button(JsonNode button) {
        String text = Json.text(button, "text");
        String payload = Json.text(button, "payload");
        String id = payload != null ? payload : text;
        return id == null ? null : new Content.InteractiveReply(id, text);
    }

    /** Without {@code emoji} the contact removed the reaction. */
    private static Content reaction(JsonNode reaction) {
        String messageId = Json.text(reaction, "message_id");
        return messageId == null ? null : new Content.Reaction(messageId, Json.text(reaction, "emoji"));
    }
}
