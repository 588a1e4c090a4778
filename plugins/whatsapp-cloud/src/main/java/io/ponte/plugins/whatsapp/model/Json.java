package io.ponte.plugins.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Null-safe reads of the provider's JSON: a missing, null or non-scalar field reads as null. */
public final class Json {

    private Json() {
    }

    /**
     * A scalar field as text.
     *
     * @param node  the object, possibly missing
     * @param field the field name
     * @return the text of a string, number or boolean field, or null
     */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    /** Whether a node is a number, or a string holding one (WhatsApp sends both for coordinates and sizes). */
    public static boolean isNumeric(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isNumber()) {
            return true;
        }
        if (!node.isTextual()) {
            return false;
        }
        try {
            double d = Double.parseDouble(node.asText().strip());
            return !Double.isNaN(d) && !Double.isInfinite(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A whole non-negative number (unix-seconds timestamps, file sizes), which WhatsApp sends as a string of digits
     * and sometimes as a number.
     *
     * @param node the value, or null
     * @return the number, or null when absent or not a whole non-negative number of at most 12 digits
     */
    public static Long wholeNumber(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong() < 0 ? null : node.asLong();
        }
        String text = node.isTextual() ? node.asText().strip() : "";
        if (text.isEmpty() || text.length() > 12 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(text);
    }
}
