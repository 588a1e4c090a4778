package io.ponte.plugins.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.StatusUpdate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code statuses[]} item of a WhatsApp webhook: the state of a message we sent.
 *
 * @param update     the normalized update
 * @param timestamp  the provider's unix-seconds timestamp, or null
 * @param attributes provider extras (conversation and pricing), never null
 */
public record StatusReport(StatusUpdate update, Long timestamp, Map<String, String> attributes) {

    /** Copies the attributes. */
    public StatusReport {
        attributes = Map.copyOf(attributes);
    }

    /**
     * Reads a status.
     *
     * @param status one {@code statuses[]} object
     * @return the report, or empty when it lacks a message id or has a status Ponte has no state for
     */
    public static Optional<StatusReport> of(JsonNode status) {
        String id = Json.text(status, "id");
        StatusUpdate.Status state = state(Json.text(status, "status"));
        if (id == null || state == null) {
            return Optional.empty();
        }
        String errorCode = null;
        String errorMessage = null;
        JsonNode error = status.path("errors").path(0);
        if (error.isObject()) {
            errorCode = Json.text(error, "code");
            errorMessage = errorText(error);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, "conversationId", Json.text(status.path("conversation"), "id"));
        put(attributes, "conversationOrigin", Json.text(status.path("conversation").path("origin"), "type"));
        put(attributes, "pricingCategory", Json.text(status.path("pricing"), "category"));
        put(attributes, "pricingModel", Json.text(status.path("pricing"), "pricing_model"));
        put(attributes, "billable", Json.text(status.path("pricing"), "billable"));
        put(attributes, "bizOpaqueCallbackData", Json.text(status, "biz_opaque_callback_data"));
        if ("played".equals(Json.text(status, "status"))) {
            attributes.put("whatsappStatus", "played");
        }
        return Optional.of(new StatusReport(
                new StatusUpdate(id, state, Json.text(status, "recipient_id"), errorCode, errorMessage),
                Json.wholeNumber(status.get("timestamp")), attributes));
    }

    /** WhatsApp's statuses; {@code played} (a voice note was listened to) implies read. */
    private static StatusUpdate.Status state(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "sent" -> StatusUpdate.Status.SENT;
            case "delivered" -> StatusUpdate.Status.DELIVERED;
            case "read", "played" -> StatusUpdate.Status.READ;
            case "failed" -> StatusUpdate.Status.FAILED;
            case "deleted" -> StatusUpdate.Status.DELETED;
            default -> null;
        };
    }

    /** The title, plus {@code error_data.details} when it says more. */
    private static String errorText(JsonNode error) {
        String title = Json.text(error, "title");
        if (title == null) {
            title = Json.text(error, "message");
        }
        String details = Json.text(error.path("error_data"), "details");
        if (title == null) {
            return details;
        }
        return details == null || details.equals(title) ? title : title + ": " + details;
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
