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

    /**
     * A field that names a record by id or describes it by an object (the CRMs' {@code deal.create} {@code contact}:
     * an id, or {@code {name, email, phone}} to upsert first).
     *
     * @param what the two forms in words, for the failure ({@code "a person id or an object {name, email, phone}"})
     * @return the object, or null when the field is absent or an id (read it with {@link #text})
     */
    public static JsonNode described(JsonNode input, String field, String what) {
        JsonNode v = input.get(field);
        if (v != null && v.isObject()) {
            return v;
        }
        if (v != null && v.isContainerNode()) {
            throw ActionFailure.failed(field + " must be " + what);
        }
        return null;
    }
}
