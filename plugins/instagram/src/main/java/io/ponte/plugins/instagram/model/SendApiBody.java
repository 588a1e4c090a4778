package io.ponte.plugins.instagram.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Request bodies of the Send API ({@code POST /{igUserId}/messages}), built as JSON trees:
 * <pre>{@code
 * {"recipient":{"id":"<IGSID>"},"messaging_type":"RESPONSE","message":{"text":"..."}}
 * {"recipient":{"id":"<IGSID>"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{...}}
 * {"recipient":{"id":"<IGSID>"},"sender_action":"react","payload":{"message_id":"<MID>","reaction":"<emoji>"}}
 * }</pre>
 */
public final class SendApiBody {

    /** The one message tag Instagram accepts: a human agent's answer up to 7 days after the contact's message. */
    public static final String HUMAN_AGENT = "HUMAN_AGENT";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SendApiBody() {
    }

    /** A quick reply button: {@code {"content_type":"text","title":...,"payload":...}}. */
    public record QuickReply(String payload, String title) {
    }

    /** {@code message.text} with optional quick replies. */
    public static ObjectNode text(String text, List<QuickReply> quickReplies) {
        ObjectNode message = JSON.objectNode().put("text", text);
        if (!quickReplies.isEmpty()) {
            ArrayNode replies = message.putArray("quick_replies");
            for (QuickReply reply : quickReplies) {
                replies.addObject().put("content_type", "text").put("title", reply.title())
                        .put("payload", reply.payload());
            }
        }
        return message;
    }

    /**
     * {@code message.attachment} by URL or by an id from the Attachment Upload API.
     *
     * @param type         {@code image}, {@code video}, {@code audio} or {@code file}
     * @param url          the public URL, or null
     * @param attachmentId the uploaded attachment's id, used when {@code url} is null
     */
    public static ObjectNode attachment(String type, String url, String attachmentId) {
        ObjectNode message = JSON.objectNode();
        ObjectNode payload = message.putObject("attachment").put("type", type).putObject("payload");
        if (url != null) {
            payload.put("url", url);
        } else {
            payload.put("attachment_id", attachmentId);
        }
        return message;
    }

    /**
     * A message to a contact.
     *
     * @param recipient the IGSID
     * @param tag       {@link #HUMAN_AGENT}, or null for a standard response inside the 24-hour window
     * @param message   the {@code message} object
     */
    public static ObjectNode message(String recipient, String tag, ObjectNode message) {
        ObjectNode body = recipient(recipient);
        if (tag == null) {
            body.put("messaging_type", "RESPONSE");
        } else {
            body.put("messaging_type", "MESSAGE_TAG").put("tag", tag);
        }
        body.set("message", message);
        return body;
    }

    /** A reaction to a message, or its removal when {@code emoji} is null. */
    public static ObjectNode reaction(String recipient, String messageId, String emoji) {
        ObjectNode body = recipient(recipient);
        body.put("sender_action", emoji == null ? "unreact" : "react");
        ObjectNode payload = body.putObject("payload").put("message_id", messageId);
        if (emoji != null) {
            payload.put("reaction", emoji);
        }
        return body;
    }

    private static ObjectNode recipient(String id) {
        ObjectNode body = JSON.objectNode();
        body.putObject("recipient").put("id", id);
        return body;
    }
}
