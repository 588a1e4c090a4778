package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.Content;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.SendInput;
import io.ponte.plugins.meta.GraphApi;
import io.ponte.plugins.instagram.model.SendApiBody;
import io.ponte.plugins.instagram.model.SendApiBody.QuickReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code message.send} action: reads the shared input ({@link SendInput}), checks it against Instagram's
 * limits without calling Meta ({@link ActionFailure} when it breaks one), builds the Send API body and posts it to
 * {@code /{igUserId}/messages}; {@link GraphApi} turns the answer into an outcome, with {@link InstagramErrors}
 * read first. Stateless and thread-safe.
 *
 * <p>Input: {@code to} (IGSID, required), {@code text} or {@code content} (wins), {@code buttons} (quick replies,
 * text only), and the Instagram extra {@code tag} ({@code HUMAN_AGENT} only). {@code replyTo} is accepted and
 * ignored: the Instagram Send API documents no reply-to field. The Send API takes no idempotency key, so none is
 * sent.
 */
final class MessageSend {

    /** Meta's limit on {@code message.text}: 1000 bytes of UTF-8. */
    static final int MAX_TEXT_BYTES = 1000;
    /** Meta's limit on quick replies per message. */
    static final int MAX_QUICK_REPLIES = 13;
    /** Meta's limit on a quick reply's title (longer ones are truncated by Instagram; we refuse them instead). */
    static final int MAX_QUICK_REPLY_TITLE = 20;
    /** The Messenger Platform's limit on a quick reply's payload. */
    static final int MAX_QUICK_REPLY_PAYLOAD = 1000;

    private final GraphApi graph;
    private final String messages;

    MessageSend(GraphApi graph, InstagramConfig config) {
        this.graph = graph;
        this.messages = config.igUserId() + "/messages";
    }

    ActionResult send(ActionRequest request) {
        return graph.post(messages, body(SendInput.parse(request.input())), MessageSend::delivered);
    }

    /** {@code Delivered(message_id)} with Meta's answer as output; a 2xx without a readable body still delivered. */
    private static ActionResult delivered(JsonNode answer) {
        JsonNode id = answer == null ? null : answer.get("message_id");
        return new ActionResult.Delivered(id != null && id.isTextual() ? id.textValue() : null,
                answer != null && answer.isObject() ? answer : null);
    }

    /** The Send API body for a valid input. */
    static ObjectNode body(SendInput input) {
        String to = input.to();
        String tag = tag(input.raw().get("tag"));
        List<QuickReply> quickReplies = quickReplies(input.buttons());
        return switch (input.content()) {
            case Content.Text text -> SendApiBody.message(to, tag, SendApiBody.text(text(text.text()), quickReplies));
            case Content.Media media -> {
                requireNoButtons(quickReplies, "media");
                yield SendApiBody.message(to, tag, attachment(media));
            }
            case Content.Reaction reaction -> {
                requireNoButtons(quickReplies, "a reaction");
                if (reaction.messageId() == null || reaction.messageId().isBlank()) {
                    throw ActionFailure.failed("a reaction needs the messageId of the message to react to");
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

    private static String text(String text) {
        if (text.isBlank()) {
            throw ActionFailure.failed("the text is empty");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_BYTES) {
            throw ActionFailure.failed("the text is " + bytes + " bytes of UTF-8; Instagram takes at most "
                    + MAX_TEXT_BYTES);
        }
        return text;
    }

    private static ObjectNode attachment(Content.Media media) {
        String type = switch (media.mediaType()) {
            case IMAGE -> "image";
            case VIDEO -> "video";
            case AUDIO, VOICE -> "audio";
            case DOCUMENT -> "file";
            case STICKER -> throw ActionFailure.failed("Instagram sends no sticker files (only its heart sticker); "
                    + "send the sticker as an image");
        };
        if (media.caption() != null && !media.caption().isBlank()) {
            throw ActionFailure.failed("Instagram attachments carry no caption: send the caption as its own text "
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
        throw ActionFailure.failed("\"tag\" must be \"" + SendApiBody.HUMAN_AGENT
                + "\", the only message tag Instagram accepts");
    }

    private static List<QuickReply> quickReplies(List<SendInput.Button> buttons) {
        if (buttons.size() > MAX_QUICK_REPLIES) {
            throw ActionFailure.failed(buttons.size() + " buttons; Instagram offers at most " + MAX_QUICK_REPLIES
                    + " quick replies");
        }
        List<QuickReply> replies = new ArrayList<>(buttons.size());
        for (int i = 0; i < buttons.size(); i++) {
            String id = buttons.get(i).id();
            String title = buttons.get(i).title();
            if (title.codePointCount(0, title.length()) > MAX_QUICK_REPLY_TITLE) {
                throw ActionFailure.failed("buttons[" + i + "].title is longer than " + MAX_QUICK_REPLY_TITLE
                        + " characters, Instagram's limit for quick replies");
            }
            if (id.length() > MAX_QUICK_REPLY_PAYLOAD) {
                throw ActionFailure.failed("buttons[" + i + "].id is longer than " + MAX_QUICK_REPLY_PAYLOAD
                        + " characters");
            }
            replies.add(new QuickReply(id, title));
        }
        return replies;
    }

    private static void requireNoButtons(List<QuickReply> quickReplies, String what) {
        if (!quickReplies.isEmpty()) {
            throw ActionFailure.failed("Instagram quick replies go with a text message, not with " + what);
        }
    }

    private static ActionFailure unsendable(String kind) {
        return ActionFailure.failed("Instagram cannot send " + kind + " content; send text, media or a reaction");
    }
}
