package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.kit.ActionFailure;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Reading action inputs that may come from route templates: numbers and ids as JSON numbers or as strings
 * ({@code "199.90"}, {@code "8"}), blanks as absent. Every misfit ends the action as {@code Failed} naming the field.
 * Stateless.
 */
final class Inputs {

    private Inputs() {
    }

    /** A text field, stripped; null when absent, null or blank. */
    static String text(JsonNode input, String field) {
        return io.ponte.kit.ActionInputs.text(input, field);
    }

    /** A required text field. */
    static String required(JsonNode input, String field) {
        return io.ponte.kit.ActionInputs.required(input, field);
    }

    /** A Pipedrive id (a positive integer, as a number or a string); null when absent. */
    static Long id(JsonNode input, String field) {
        String text = text(input, field);
        if (text == null) {
            return null;
        }
        if (!text.matches("[1-9][0-9]{0,17}")) {
            throw ActionFailure.failed(field + " must be a Pipedrive id (a positive integer), not '" + clip(text) + "'");
        }
        return Long.parseLong(text);
    }

    /** An amount in major units (a number or a decimal string, never read through a double); null when absent. */
    static BigDecimal amount(JsonNode input, String field) {
        JsonNode v = input.get(field);
        if (v != null && v.isNumber()) {
            return v.decimalValue();
        }
        String text = text(input, field);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw ActionFailure.failed(field + " must be a number, not '" + clip(text) + "'");
        }
    }

    /**
     * A phone number for search and storage: spaces, dashes, dots and parentheses dropped, a leading {@code +} kept,
     * digits only otherwise.
     *
     * @return the number, or null when {@code phone} is null or holds no digit
     */
    static String phone(String phone) {
        return io.ponte.kit.Phones.normalize(phone);
    }

    /** The {@code properties} object copied into {@code target} as Pipedrive fields (custom field keys included). */
    static void properties(JsonNode input, ObjectNode target) {
        JsonNode properties = input.get("properties");
        if (properties == null || properties.isNull()) {
            return;
        }
        if (!properties.isObject()) {
            throw ActionFailure.failed("properties must be an object of Pipedrive field names to values");
        }
        ObjectNode custom = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().matches("[0-9a-f]{40}")) {
                // custom fields go under custom_fields in API v2, keyed by their 40-hex hash
                custom = custom == null ? target.putObject("custom_fields") : custom;
                custom.set(e.getKey(), e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    static String clip(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
