package io.ponte.plugins.rdstationcrm;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.kit.ActionFailure;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Reading the CRM actions' inputs, which may come from route templates (numbers as strings). Stateless. */
final class Inputs {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,6})?");

    private Inputs() {
    }

    /** A non-blank string field, stripped, or null when absent or blank. */
    static String text(JsonNode input, String field) {
        return io.ponte.kit.ActionInputs.text(input, field);
    }

    /** A required non-blank string field. */
    static String required(JsonNode input, String field) {
        return io.ponte.kit.ActionInputs.required(input, field);
    }

    /** An amount given as a JSON number or a decimal string ("199.90"), or null when absent or blank. */
    static BigDecimal amount(JsonNode input, String field) {
        JsonNode v = input.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        String s = v.isTextual() ? v.asText().strip() : "";
        if (!DECIMAL.matcher(s).matches()) {
            throw ActionFailure.failed("\"" + field + "\" must be a decimal amount like 199.90");
        }
        return new BigDecimal(s);
    }

    /** The {@code properties} object, or null when absent. */
    static JsonNode properties(JsonNode input) {
        JsonNode v = input.get("properties");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ActionFailure.failed("\"properties\" must be an object of RD Station field names to values");
        }
        return v;
    }

    /**
     * A phone number the way every CRM plugin compares them: spaces, dashes, dots and parentheses dropped, a leading
     * {@code +} kept, digits only otherwise.
     *
     * @return the normalized number, or null when no digit is left
     */
    static String phone(String raw) {
        return io.ponte.kit.Phones.normalize(raw);
    }

    /** The id RD Station gives an object ({@code id}, or {@code _id} in older answers), or null. */
    static String id(JsonNode object) {
        for (String field : new String[]{"id", "_id"}) {
            JsonNode v = object.get(field);
            if (v != null && v.isValueNode() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    /** The items of a list answer: the array itself, or the array under {@code field}. */
    static JsonNode items(JsonNode answer, String field) {
        if (answer.isArray()) {
            return answer;
        }
        JsonNode v = answer.get(field);
        return v != null && v.isArray() ? v : io.ponte.kit.PluginJson.mapper().createArrayNode();
    }
}
