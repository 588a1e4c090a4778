package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.message.Content;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.util.List;

/**
 * Builds the Bot API call that sends one normalized {@link Content} to a chat: {@code sendMessage},
 * {@code sendPhoto}, {@code sendDocument}, {@code sendAudio}, {@code sendVoice}, {@code sendVideo},
 * {@code sendSticker}, {@code sendLocation}, {@code sendVenue}, {@code sendContact} or
 * {@code setMessageReaction}. Checks Telegram's limits first, so a call that cannot work is never made. Stateless.
 */
final class OutboundRequests {

    /** Telegram's limit on a message text. */
    static final int MAX_TEXT = 4096;
    /** Telegram's limit on a media caption. */
    static final int MAX_CAPTION = 1024;

    private OutboundRequests() {
    }

    /**
     * The call for this content.
     *
     * @param chatId  the chat: a number, or an {@code @channelusername} string
     * @param content what to send
     * @param options the options that go with it
     * @throws io.ponte.kit.ActionFailure failed, when Telegram cannot send it as given
     */
    static BotApiCall build(JsonNode chatId, Content content, SendOptions options) {
        ObjectNode p = PluginJson.mapper().createObjectNode();
        p.set("chat_id", chatId);
        String method = switch (content) {
            case Content.Text text -> text(p, text.text(), options);
            case Content.Media media -> media(p, media, options);
            case Content.Location location -> location(p, location);
            case Content.Contacts contacts -> contact(p, contacts.contacts());
            case Content.Reaction reaction -> reaction(p, reaction, options);
            case Content.InteractiveReply reply -> throw MessageSend.invalid("interactive_reply is what a contact "
                    + "sends back; send text with buttons to offer choices");
            case Content.Template template -> throw MessageSend.invalid("Telegram has no message templates; send "
                    + "text (template " + template.name() + ")");
            case Content.Unsupported unsupported -> throw MessageSend.invalid("cannot send content of unsupported "
                    + "type " + unsupported.type() + " to Telegram");
        };
        if (!"setMessageReaction".equals(method)) {
            options.applyTo(p);
        }
        return new BotApiCall(method, p);
    }

    private static String text(ObjectNode p, String text, SendOptions options) {
        if (text.isBlank()) {
            throw MessageSend.invalid("the message is empty");
        }
        // With a parse mode Telegram counts after removing the markup, so only it can judge the length.
        if (options.parseMode() == null && text.length() > MAX_TEXT) {
            throw MessageSend.invalid("the text has " + text.length() + " characters; Telegram takes at most "
                    + MAX_TEXT);
        }
        p.put("text", text);
        putParseMode(p, options);
        return "sendMessage";
    }

    private static String media(ObjectNode p, Content.Media media, SendOptions options) {
        String file = media.url() != null ? media.url() : media.mediaId();
        if (media.url() != null && !(file.startsWith("https://") || file.startsWith("http://"))) {
            throw MessageSend.invalid("media url must be an absolute http(s) URL that Telegram can fetch");
        }
        String[] methodAndField = switch (media.mediaType()) {
            case IMAGE -> new String[] {"sendPhoto", "photo"};
            case DOCUMENT -> new String[] {"sendDocument", "document"};
            case AUDIO -> new String[] {"sendAudio", "audio"};
            case VOICE -> new String[] {"sendVoice", "voice"};
            case VIDEO -> new String[] {"sendVideo", "video"};
            case STICKER -> new String[] {"sendSticker", "sticker"};
        };
        p.put(methodAndField[1], file);
        // Stickers take no caption in the Bot API.
        if (media.caption() != null && !media.caption().isEmpty() && media.mediaType() != Content.MediaType.STICKER) {
            if (options.parseMode() == null && media.caption().length() > MAX_CAPTION) {
                throw MessageSend.invalid("the caption has " + media.caption().length()
                        + " characters; Telegram takes at most " + MAX_CAPTION);
            }
            p.put("caption", media.caption());
            putParseMode(p, options);
        }
        return methodAndField[0];
    }

    private static String location(ObjectNode p, Content.Location location) {
        p.put("latitude", location.latitude());
        p.put("longitude", location.longitude());
        if (location.name() != null && location.address() != null) {
            p.put("title", location.name());
            p.put("address", location.address());
            return "sendVenue";
        }
        return "sendLocation";
    }

    private static String contact(ObjectNode p, List<Content.SharedContact> contacts) {
        if (contacts.size() != 1) {
            throw MessageSend.invalid("Telegram sends one contact per message; got " + contacts.size());
        }
        Content.SharedContact contact = contacts.get(0);
        if (contact.phones().isEmpty()) {
            throw MessageSend.invalid("a Telegram contact needs a phone number");
        }
        String name = contact.name() == null || contact.name().isBlank() ? contact.phones().get(0) : contact.name();
        p.put("phone_number", contact.phones().get(0));
        p.put("first_name", name);
        if (contact.phones().size() > 1 || !contact.emails().isEmpty()) {
            // The Bot API takes one phone number; the rest travels in a vCard.
            StringBuilder vcard = new StringBuilder("BEGIN:VCARD\nVERSION:3.0\nFN:")
                    .append(vcardText(name)).append('\n');
            contact.phones().forEach(phone -> vcard.append("TEL:").append(vcardText(phone)).append('\n'));
            contact.emails().forEach(email -> vcard.append("EMAIL:").append(vcardText(email)).append('\n'));
            p.put("vcard", vcard.append("END:VCARD").toString());
        }
        return "sendContact";
    }

    private static String reaction(ObjectNode p, Content.Reaction reaction, SendOptions options) {
        if (options.replyMarkup() != null) {
            throw MessageSend.invalid("a reaction cannot carry buttons");
        }
        if (reaction.messageId() == null || !reaction.messageId().matches("[0-9]{1,18}")) {
            throw MessageSend.invalid("reaction.messageId must be the Telegram message_id of the message to react "
                    + "to");
        }
        p.put("message_id", Long.parseLong(reaction.messageId()));
        var list = p.putArray("reaction");
        if (reaction.emoji() != null && !reaction.emoji().isEmpty()) {
            ObjectNode type = list.addObject();
            type.put("type", "emoji");
            type.put("emoji", reaction.emoji());
        }
        return "setMessageReaction";
    }

    /** vCard 3.0 text escaping (RFC 2426), so a name cannot break the card's lines. */
    private static String vcardText(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    private static void putParseMode(ObjectNode p, SendOptions options) {
        if (options.parseMode() != null) {
            p.put("parse_mode", options.parseMode());
        }
    }
}
