package io.ponte.plugins.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.message.Content;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.SendInput;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the {@code message.send} input shared by every channel plugin, as {@link SendInput} parsed it ({@code to},
 * {@code text} or {@code content}, {@code replyTo}, {@code buttons}), plus WhatsApp's {@code previewUrl} and
 * {@code buttonText} read from {@link SendInput#raw()}, into the body of {@code POST /{phoneNumberId}/messages},
 * checking WhatsApp's limits first so a message that cannot be sent fails without a call. Pure; thread-safe.
 */
public final class OutboundMessage {

    /** WhatsApp's limit on a text message body. */
    public static final int MAX_TEXT = 4096;
    /** WhatsApp's limit on a media caption and on the body of a reply-buttons message. */
    public static final int MAX_CAPTION = 1024;
    /** Reply buttons per message. */
    public static final int MAX_BUTTONS = 3;
    /** Rows of a list message. */
    public static final int MAX_LIST_ROWS = 10;
    /** A reply button's title. */
    public static final int MAX_BUTTON_TITLE = 20;
    /** A list row's title, a section title, and the list's button label are 24, 24 and 20 characters. */
    public static final int MAX_ROW_TITLE = 24;

    private static final int MAX_BUTTON_ID = 256;
    private static final int MAX_ROW_ID = 200;
    private static final String DEFAULT_BUTTON_TEXT = "Options";

    private OutboundMessage() {
    }

    /**
     * Builds the request body of {@code message.send}.
     *
     * @param input the parsed action input
     * @return the request JSON
     * @throws ActionFailure failed, when the message is blank, beyond WhatsApp's limits or of a kind WhatsApp
     *                       cannot send
     */
    public static ObjectNode send(SendInput input) {
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", input.to());
        Content content = input.content();
        if (content instanceof Content.Text t && t.text().isBlank()) {
            throw ActionFailure.failed("the message is empty: give \"text\" or \"content\"");
        }
        if (!input.buttons().isEmpty()) {
            if (!(content instanceof Content.Text text)) {
                throw ActionFailure.failed("\"buttons\" need a text message to go with them");
            }
            interactive(body, text.text(), input.buttons(), input.raw());
        } else {
            content(body, content, input.raw());
        }
        if (input.replyTo() != null && !(content instanceof Content.Reaction)) {
            body.putObject("context").put("message_id", input.replyTo());
        }
        return body;
    }

    /**
     * Builds the request body of {@code message.read}.
     *
     * @param messageId the wamid of the contact's message
     * @return the request JSON
     */
    public static ObjectNode read(String messageId) {
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("status", "read");
        body.put("message_id", messageId);
        return body;
    }

    private static void content(ObjectNode body, Content content, JsonNode input) {
        switch (content) {
            case Content.Text t -> {
                limit("text", t.text(), MAX_TEXT);
                ObjectNode text = body.put("type", "text").putObject("text");
                JsonNode preview = input.get("previewUrl");
                if (preview != null && preview.isBoolean()) {
                    text.put("preview_url", preview.booleanValue());
                }
                text.put("body", t.text());
            }
            case Content.Media m -> media(body, m);
            case Content.Location l -> {
                ObjectNode location = body.put("type", "location").putObject("location");
                location.put("latitude", l.latitude()).put("longitude", l.longitude());
                putIfSet(location, "name", l.name());
                putIfSet(location, "address", l.address());
            }
            case Content.Contacts c -> contacts(body, c);
            case Content.Reaction r -> {
                if (r.messageId() == null || r.messageId().isBlank()) {
                    throw ActionFailure.failed("a reaction needs the messageId of the message reacted to");
                }
                body.put("type", "reaction").putObject("reaction")
                        .put("message_id", r.messageId()).put("emoji", r.emoji() == null ? "" : r.emoji());
            }
            case Content.Template t -> template(body, t);
            case Content.InteractiveReply r -> throw ActionFailure.failed("interactive_reply is what a contact "
                    + "sends when picking an option; to offer options send text with \"buttons\"");
            case Content.Unsupported u -> throw ActionFailure.failed("content of provider type \"" + u.type()
                    + "\" has no WhatsApp form to send");
        }
    }

    private static void media(ObjectNode body, Content.Media m) {
        String type = switch (m.mediaType()) {
            case VOICE -> "audio";
            default -> m.mediaType().wire();
        };
        boolean takesCaption = switch (m.mediaType()) {
            case IMAGE, VIDEO, DOCUMENT -> true;
            case AUDIO, VOICE, STICKER -> false;
        };
        if (m.caption() != null && !m.caption().isEmpty()) {
            if (!takesCaption) {
                throw ActionFailure.failed("WhatsApp " + m.mediaType().wire() + " messages take no caption; send the "
                        + "caption as a separate text");
            }
            limit("caption", m.caption(), MAX_CAPTION);
        }
        ObjectNode media = body.put("type", type).putObject(type);
        if (m.mediaId() != null) {
            media.put("id", m.mediaId());
        } else {
            media.put("link", m.url());
        }
        if (takesCaption) {
            putIfSet(media, "caption", m.caption());
        }
        if (m.mediaType() == Content.MediaType.DOCUMENT) {
            putIfSet(media, "filename", m.fileName());
        }
        if (m.mediaType() == Content.MediaType.VOICE) {
            media.put("voice", true);
        }
    }

    private static void contacts(ObjectNode body, Content.Contacts c) {
        if (c.contacts().isEmpty()) {
            throw ActionFailure.failed("contacts content needs at least one contact");
        }
        ArrayNode cards = body.put("type", "contacts").putArray("contacts");
        for (Content.SharedContact contact : c.contacts()) {
            if (contact.name() == null || contact.name().isBlank()) {
                throw ActionFailure.failed("every shared contact needs a name (WhatsApp's formatted_name)");
            }
            ObjectNode card = cards.addObject();
            card.putObject("name").put("formatted_name", contact.name());
            if (!contact.phones().isEmpty()) {
                ArrayNode phones = card.putArray("phones");
                contact.phones().forEach(p -> phones.addObject().put("phone", p));
            }
            if (!contact.emails().isEmpty()) {
                ArrayNode emails = card.putArray("emails");
                contact.emails().forEach(e -> emails.addObject().put("email", e));
            }
        }
    }

    private static void template(ObjectNode body, Content.Template t) {
        if (t.language() == null || t.language().isBlank()) {
            throw ActionFailure.failed("a template needs its language code (e.g. en_US or pt_BR)");
        }
        ObjectNode template = body.put("type", "template").putObject("template");
        template.put("name", t.name());
        template.putObject("language").put("code", t.language());
        if (t.components() != null && !t.components().isNull()) {
            if (!t.components().isArray()) {
                throw ActionFailure.failed("template components must be WhatsApp's components array");
            }
            template.set("components", t.components().deepCopy());
        }
    }

    /** Up to 3 choices as reply buttons; 4 to 10 as a list message with one section. */
    private static void interactive(ObjectNode body, String text, List<SendInput.Button> buttons, JsonNode input) {
        if (buttons.size() > MAX_LIST_ROWS) {
            throw ActionFailure.failed("WhatsApp offers at most " + MAX_LIST_ROWS + " choices (3 as buttons, "
                    + "up to 10 as a list); got " + buttons.size());
        }
        boolean asButtons = buttons.size() <= MAX_BUTTONS;
        checkChoices(buttons, asButtons);
        ObjectNode interactive = body.put("type", "interactive").putObject("interactive");
        if (asButtons) {
            limit("text with buttons", text, MAX_CAPTION);
            interactive.put("type", "button");
            interactive.putObject("body").put("text", text);
            ArrayNode list = interactive.putObject("action").putArray("buttons");
            buttons.forEach(c -> list.addObject().put("type", "reply").putObject("reply")
                    .put("id", c.id()).put("title", c.title()));
        } else {
            limit("text", text, MAX_TEXT);
            String label = Json.text(input, "buttonText");
            label = label == null ? DEFAULT_BUTTON_TEXT : label.strip();
            limit("buttonText", label, MAX_BUTTON_TITLE);
            interactive.put("type", "list");
            interactive.putObject("body").put("text", text);
            ObjectNode action = interactive.putObject("action");
            action.put("button", label);
            ObjectNode section = action.putArray("sections").addObject();
            section.put("title", label);
            ArrayNode rows = section.putArray("rows");
            buttons.forEach(c -> rows.addObject().put("id", c.id()).put("title", c.title()));
        }
    }

    /** WhatsApp's limits on the choices {@link SendInput} already checked for a non-blank id and title. */
    private static void checkChoices(List<SendInput.Button> buttons, boolean asButtons) {
        int maxTitle = asButtons ? MAX_BUTTON_TITLE : MAX_ROW_TITLE;
        int maxId = asButtons ? MAX_BUTTON_ID : MAX_ROW_ID;
        Set<String> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (SendInput.Button button : buttons) {
            String id = button.id();
            String title = button.title();
            if (id.length() > maxId) {
                throw ActionFailure.failed("button id \"" + id.substring(0, 20) + "...\" is longer than "
                        + maxId + " characters");
            }
            if (title.codePointCount(0, title.length()) > maxTitle) {
                throw ActionFailure.failed("button title \"" + title + "\" is longer than " + maxTitle
                        + " characters (WhatsApp's limit for " + (asButtons ? "reply buttons" : "list rows") + ")");
            }
            if (!ids.add(id) || (asButtons && !titles.add(title))) {
                throw ActionFailure.failed("button ids" + (asButtons ? " and titles" : "") + " must be unique");
            }
        }
    }

    private static void limit(String what, String value, int max) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw ActionFailure.failed(what + " is " + length + " characters; WhatsApp allows at most " + max);
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
