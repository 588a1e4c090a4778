package io.ponte.plugins.whatsapp.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds webhook bodies in the exact shape of Meta's WhatsApp {@code messages} webhooks (see the fixtures README). */
final class WebhookPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayloads() {
    }

    /** A {@code messages} webhook carrying one text message from a contact, in Meta's exact shape. */
    static String textMessage(String phoneNumberId, String waId, String name, String wamid, String text,
                              long epochSeconds) {
        ObjectNode value = value(phoneNumberId);
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", name);
        contact.put("wa_id", waId);
        ObjectNode message = value.putArray("messages").addObject();
        message.put("from", waId).put("id", wamid).put("timestamp", Long.toString(epochSeconds)).put("type", "text");
        message.putObject("text").put("body", text);
        return envelope(value);
    }

    /** A {@code messages} webhook carrying one status ({@code sent}, {@code delivered}, {@code read}, {@code failed}). */
    static String status(String phoneNumberId, String wamid, String status, String recipient) {
        ObjectNode value = value(phoneNumberId);
        ObjectNode s = value.putArray("statuses").addObject();
        s.put("id", wamid).put("status", status).put("timestamp", "1767261600").put("recipient_id", recipient);
        if ("failed".equals(status)) {
            ObjectNode error = s.putArray("errors").addObject();
            error.put("code", 131026).put("title", "Message undeliverable")
                    .put("message", "Message undeliverable");
            error.putObject("error_data").put("details", "Message Undeliverable.");
        } else {
            ObjectNode conversation = s.putObject("conversation");
            conversation.put("id", "c0ffee" + Integer.toHexString(wamid.hashCode()));
            conversation.putObject("origin").put("type", "service");
            s.putObject("pricing").put("billable", true).put("pricing_model", "CBP").put("category", "service");
        }
        return envelope(value);
    }

    private static ObjectNode value(String phoneNumberId) {
        ObjectNode value = JSON.createObjectNode();
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550104477").put("phone_number_id", phoneNumberId);
        return value;
    }

    private static String envelope(ObjectNode value) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry").addObject().put("id", "300000000000001")
                .putArray("changes").addObject();
        change.set("value", value);
        change.put("field", "messages");
        return root.toString();
    }
}
