package io.ponte.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.Content;
import io.ponte.api.action.ActionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The input every channel's {@code message.send} takes, as routes, agents and the hub's conversation replies build
 * it:
 * <pre>{@code
 * {"to": "<address>", "text": "...", "content": {"kind": "text" | "media" | ...},
 *  "replyTo": "<provider message id>", "buttons": [{"id": "yes", "title": "Yes"}], ...provider extras}
 * }</pre>
 * {@code content} (the normalized {@link Content} JSON) wins over {@code text}; {@code to} and {@code replyTo} may
 * also be JSON integers (phone numbers, chat and message ids). Provider extras stay readable in {@link #raw()}.
 *
 * @param to      the recipient's address on the channel; never null or blank
 * @param content what to send; never null
 * @param replyTo the provider id of the message to quote or answer, or null
 * @param buttons the choices to offer, in order; never null, may be empty
 * @param raw     the whole input, for provider-specific fields; never null
 */
public record SendInput(String to, Content content, String replyTo, List<Button> buttons, JsonNode raw) {

    /**
     * One choice offered with a message: a reply button, a list row, an inline keyboard button or a quick reply.
     * The contact's pick comes back as {@link Content.InteractiveReply} with this {@code id}.
     *
     * @param id    what comes back; never blank
     * @param title what the contact sees; never blank
     */
    public record Button(String id, String title) {
        /** Requires both parts. */
        public Button {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
        }
    }

    /** Checks and copies. */
    public SendInput {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(raw, "raw");
        buttons = List.copyOf(buttons);
    }

    /**
     * Reads a {@code message.send} input.
     *
     * @param input the action's input
     * @return the parsed input
     * @throws ActionFailure failed, naming what is wrong (not an object, no {@code to}, no {@code text} or
     *                            {@code content}, malformed {@code content} or {@code buttons}), for
     *                            {@link ActionResult.Failed}
     */
    public static SendInput parse(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw ActionFailure.failed("message.send input must be a JSON object such as "
                    + "{\"to\":\"<address>\",\"text\":\"...\"}");
        }
        String to = id(input, "to");
        if (to == null || to.isBlank()) {
            throw ActionFailure.failed("message.send input needs \"to\": the recipient's address on the channel");
        }
        return new SendInput(to.strip(), content(input), blankToNull(id(input, "replyTo")), buttons(input), input);
    }

    /** The plain text of a text message, or null for any other content. */
    public String text() {
        return content instanceof Content.Text t ? t.text() : null;
    }

    private static Content content(JsonNode input) {
        JsonNode node = input.get("content");
        if (node != null && !node.isNull()) {
            try {
                Content content = PluginJson.mapper().treeToValue(node, Content.class);
                if (content == null) {
                    throw ActionFailure.failed("\"content\" must be a normalized Content object with a \"kind\"");
                }
                return content;
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                        .orElse("");
                throw ActionFailure.failed("\"content\" is not a normalized Content object (kind text, media, "
                        + "location, contacts, interactive_reply, reaction, template): " + why);
            }
        }
        String text = text(input, "text");
        if (text == null || text.isEmpty()) {
            throw ActionFailure.failed("message.send input needs \"text\" or \"content\": nothing to send");
        }
        return new Content.Text(text);
    }

    private static List<Button> buttons(JsonNode input) {
        JsonNode node = input.get("buttons");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ActionFailure.failed("\"buttons\" must be an array of {\"id\":\"...\",\"title\":\"...\"}");
        }
        List<Button> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode b = node.get(i);
            String id = text(b, "id");
            String title = text(b, "title");
            if (id == null || id.isBlank() || title == null || title.isBlank()) {
                throw ActionFailure.failed("buttons[" + i + "] needs a non-empty \"id\" and \"title\"");
            }
            out.add(new Button(id, title));
        }
        return out;
    }

    /** An address or message id: a string, or an integer (phone numbers, Telegram's chat and message ids). */
    private static String id(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isIntegralNumber() ? v.asText() : text(node, field);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ActionFailure.failed("\"" + field + "\" must be a string");
        }
        return v.textValue();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
