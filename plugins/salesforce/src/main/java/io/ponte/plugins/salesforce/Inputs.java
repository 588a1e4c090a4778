package io.ponte.plugins.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.kit.ActionFailure;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the CRM actions' inputs: text, decimals given as numbers or strings, record ids. Stateless. */
final class Inputs {

    private static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private Inputs() {
    }

    /** A non-blank text field, or null when absent or blank. */
    static String text(JsonNode input, String field) {
        return io.ponte.kit.ActionInputs.text(input, field);
    }

    /** A text field that must be there. */
    static String required(JsonNode input, String field) {
        return io.ponte.kit.ActionInputs.required(input, field);
    }

    /** A Salesforce record id (15 or 18 characters), or null when absent. */
    static String recordId(JsonNode input, String field) {
        String value = text(input, field);
        if (value != null && !RECORD_ID.matcher(value).matches()) {
            throw ActionFailure.failed(field + " must be a Salesforce record id (15 or 18 letters and digits)");
        }
        return value;
    }

    /** An amount given as a number or as a string ("199.90"), exact; null when absent. */
    static BigDecimal decimal(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull() || node.isTextual() && node.textValue().isBlank()) {
            return null;
        }
        try {
            return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip());
        } catch (NumberFormatException e) {
            throw ActionFailure.failed(field + " must be a number, e.g. 199.90");
        }
    }

    /** A phone number as E.164-style digits: spaces, dashes, dots and parentheses gone, a leading + kept. */
    static String phone(String raw) {
        return io.ponte.kit.Phones.normalize(raw);
    }

    /** Copies {@code properties} (Salesforce field names to values) into {@code fields}. */
    static void properties(JsonNode input, ObjectNode fields) {
        JsonNode properties = input.get("properties");
        if (properties == null || properties.isNull()) {
            return;
        }
        if (!properties.isObject()) {
            throw ActionFailure.failed("properties must be an object of Salesforce field names to values");
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            if (!FIELD_NAME.matcher(property.getKey()).matches()) {
                throw ActionFailure.failed("properties." + property.getKey() + " is not a Salesforce field name");
            }
            fields.set(property.getKey(), property.getValue());
        }
    }
}
