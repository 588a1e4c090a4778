package io.ponte.plugins.instagram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.Content;
import io.ponte.api.message.MessageJson;
import io.ponte.plugins.instagram.model.SendApiBody;
import io.ponte.plugins.instagram.model.SendApiBody.QuickReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code message.send} action: checks the input against Instagram's limits without calling Meta, builds the
 * Send API body and hands it to {@link SendOutcome}. Stateless and thread-safe.
 *
 * <p>Input: {@code to} (IGSID, required), {@code text} or {@code content} (wins), {@code buttons} (quick replies,
 * text only), {@code tag} ({@code HUMAN_AGENT} only). {@code replyTo} is accepted and ignored: the Instagram Send
 * API documents no reply-to field. The Send API takes no idempotency key, so none is sent.
 */
final class MessageSend {

    /** The action's name. */
    static final String ACTION = "message.send";
    /** Meta's limit on {@code message.text}: 1000 bytes of UTF-8. */
    static final int MAX_TEXT_BYTES = 1000;
    /** Meta's limit on quick replies per message. */
    static final int MAX_QUICK_REPLIES = 13;
    /** Meta's limit on a quick reply's title (longer ones are truncated by Instagram; we refuse them instead). */
    static final int MAX_QUICK_REPLY_TITLE = 20;
    /** The Messenger Platform's limit on a quick reply's payload. */
    static final int MAX_QUICK_REPLY_PAYLOAD = 1000;

    private final SendOutcome outcome;

    MessageSend(SendOutcome outcome) {
        this.outcome = outcome;
    }

    ActionResult send(ActionRequest request) {
        JsonNode input = request.input();
        if (!input.isObject()) {
            return ActionResult.failed(ACTION + " input must be a JSON object, not "
                    + input.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        try {
            return outcome.send(body(input));
        } catch (InvalidInput e) {
            return ActionResult.failed(e.getMessage());
        }
    }

    /** The Send API body for a valid input. */
    static ObjectNode body(JsonNode input) {
        String to = input.path("to").isTextual() ? input.get("to").textValue().strip() : "";
        if (to.isEmpty()) {
            throw new InvalidInput(ACTION + " needs \"to\": the contact's Instagram-scoped id (IGSID)");
        }
        String tag = tag(input.get("tag"));
        List<QuickReply> quickReplies = quickReplies(input.get("buttons"));
        Content content = content(input);
        return switch (content) {
            case Content.Text text -> SendApiBody.message(to, tag, SendApiBody.text(text(text.text()), quickReplies));
            case Content.Media media -> {
                requireNoButtons(quickReplies, "media");
                yield SendApiBody.message(to, tag, attachment(media));
            }
            case Content.Reaction reaction -> {
                requireNoButtons(quickReplies, "a reaction");
                if (reaction.messageId() == null || reaction.messageId().isBlank()) {
                    throw new InvalidInput("a reaction needs the messageId of the message to react to");
                }
                String emoji = reaction.emoji() == null || reaction.emoji().isEmpty() ? null : reaction.emoji();
                yield SendApiBody.reaction(to, reaction.messageId(), emoji);
            }
            case Content.Location l -> throw unsendable("location");
            case Content.Contacts c -> throw unsendable("contacts");
            case Content.InteractiveReply r -> throw unsendable("interactive_reply");
            case Content.Template t -> throw unsendable("template");
            case Content.Unsupported u -> throw unsendable("unsupported");
        };
    }

    private static Content content(JsonNode input) {
        JsonNode node = input.get("content");
        if (node != null && !node.isNull()) {
            try {
                Content content = MessageJson.mapper().treeToValue(node, Content.class);
                if (content == null) {
                    throw new InvalidInput("\"content\" must be a Content object with a \"kind\"");
                }
                return content;
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new InvalidInput("\"content\" is not valid Content JSON (kind text, media or reaction): "
                        + firstLine(e.getMessage()));
            }
        }
        JsonNode text = input.get("text");
        if (text == null || !text.isTextual() || text.textValue().isBlank()) {
            throw new InvalidInput("nothing to send: give \"text\" or \"content\"");
        }
        return new Content.Text(text.textValue());
    }

    private static String text(String text) {
        if (text.isBlank()) {
            throw new InvalidInput("the text is empty");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_BYTES) {
            throw new InvalidInput("the text is " + bytes + " bytes of UTF-8; Instagram takes at most "
                    + MAX_TEXT_BYTES);
        }
        return text;
    }

    private static ObjectNode attachment(Content.Media media) {
        String type = switch (media.mediaType()) {
            case image -> "image";
            case video -> "video";
            case audio, voice -> "audio";
            case document -> "file";
            case sticker -> throw new InvalidInput("Instagram sends no sticker files (only its heart sticker); "
                    + "send the sticker as an image");
        };
        if (media.caption() != null && !media.caption().isBlank()) {
            throw new InvalidInput("Instagram attachments carry no caption: send the caption as its own text "
                    + "message");
        }
        // A mediaId here is an attachment_id from Meta's Attachment Upload API.
        return SendApiBody.attachment(type, media.url(), media.mediaId());
    }

    private static String tag(JsonNode tag) {
        if (tag == null || tag.isNull()) {
            return null;
        }
        if (tag.isTextual() && SendApiBody.HUMAN_AGENT.equals(tag.textValue())) {
            return SendApiBody.HUMAN_AGENT;
        }
        throw new InvalidInput("\"tag\" must be \"" + SendApiBody.HUMAN_AGENT
                + "\", the only message tag Instagram accepts");
    }

    private static List<QuickReply> quickReplies(JsonNode buttons) {
        List<QuickReply> replies = new ArrayList<>();
        if (buttons == null || buttons.isNull()) {
            return replies;
        }
        if (!buttons.isArray()) {
            throw new InvalidInput("\"buttons\" must be an array of {\"id\",\"title\"}");
        }
        if (buttons.size() > MAX_QUICK_REPLIES) {
            throw new InvalidInput(buttons.size() + " buttons; Instagram offers at most " + MAX_QUICK_REPLIES
                    + " quick replies");
        }
        for (int i = 0; i < buttons.size(); i++) {
            JsonNode button = buttons.get(i);
            String id = button.path("id").isTextual() ? button.get("id").textValue() : "";
            String title = button.path("title").isTextual() ? button.get("title").textValue() : "";
            if (id.isBlank() || title.isBlank()) {
                throw new InvalidInput("buttons[" + i + "] needs a non-empty \"id\" and \"title\"");
            }
            if (title.codePointCount(0, title.length()) > MAX_QUICK_REPLY_TITLE) {
                throw new InvalidInput("buttons[" + i + "].title is longer than " + MAX_QUICK_REPLY_TITLE
                        + " characters, Instagram's limit for quick replies");
            }
            if (id.length() > MAX_QUICK_REPLY_PAYLOAD) {
                throw new InvalidInput("buttons[" + i + "].id is longer than " + MAX_QUICK_REPLY_PAYLOAD
                        + " characters");
            }
            replies.add(new QuickReply(id, title));
        }
        return replies;
    }

    private static void requireNoButtons(List<QuickReply> quickReplies, String what) {
        if (!quickReplies.isEmpty()) {
            throw new InvalidInput("Instagram quick replies go with a text message, not with " + what);
        }
    }

    private static InvalidInput unsendable(String kind) {
        return new InvalidInput("Instagram cannot send " + kind + " content; send text, media or a reaction");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** An input Instagram would refuse; its message is the delivery's reason. */
    static final class InvalidInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidInput(String message) {
            super(message, null, false, false);
        }
    }
}
