package io.ponte.kit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads fields of an action's input as routes write them: a template renders every value as text, so a number may
 * come as {@code "199.90"} and an empty string means absent. A wrong field ends the action with
 * {@link ActionFailure#failed}, naming it. Stateless.
 */
public final class ActionInputs {

    private ActionInputs() {
    }

    /** A text field (a string, or a number or boolean as text), stripped; null when absent, null or blank. */
    public static String text(JsonNode input, String field) {
        JsonNode v = input.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw ActionFailure.failed(field + " must be a string");
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    /** A text field that must be there. */
    public static String required(JsonNode input, String field) {
        String s = text(input, field);
        if (s == null) {
            throw ActionFailure.failed(field + " is required");
        }
        return s;
    }
}
