package io.ponte.plugins.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;

/**
 * Reads the CRM actions' inputs, which often come from route templates: numbers may arrive as strings
 * ({@code "199.90"}), empty strings mean absent. A wrong input throws {@link ActionFailure#failed}. Stateless.
 */
final class Inputs {

    private Inputs() {
    }

    /** A text field, stripped; null when absent, null or blank. */
    static String text(JsonNode input, String field) {
        return io.ponte.kit.ActionInputs.text(input, field);
    }

    /** A required text field. */
    static String required(JsonNode input, String field, String action) {
        String v = text(input, field);
        if (v == null) {
            throw ActionFailure.failed(action + " needs \"" + field + "\"");
        }
        return v;
    }

    /** A decimal given as a number or a string; null when absent or blank. */
    static BigDecimal decimal(JsonNode input, String field) {
        JsonNode v = input.get(field);
        if (v != null && v.isNumber()) {
            return v.decimalValue();
        }
        String s = text(input, field);
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw ActionFailure.failed(field + " must be a number, not '" + s + "'");
        }
    }

    /**
     * The {@code properties} object as HubSpot property values (strings; numbers in plain notation, booleans as
     * {@code true}/{@code false}); an empty object when absent.
     */
    static ObjectNode properties(JsonNode input) {
        ObjectNode out = PluginJson.mapper().createObjectNode();
        JsonNode p = input.get("properties");
        if (p == null || p.isNull()) {
            return out;
        }
        if (!p.isObject()) {
            throw ActionFailure.failed("properties must be an object of HubSpot property names to values");
        }
        p.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.putNull(e.getKey());
            } else if (v.isNumber()) {
                out.put(e.getKey(), v.decimalValue().toPlainString());
            } else if (v.isValueNode()) {
                out.put(e.getKey(), v.asText());
            } else {
                throw ActionFailure.failed("properties." + e.getKey() + " must be a string, number or boolean");
            }
        });
        return out;
    }

    /**
     * A phone number as the CRMs search it: spaces, dashes, dots and parentheses dropped, a leading {@code +} kept,
     * digits only otherwise.
     *
     * @return the normalized number, or null when {@code phone} is null
     * @throws ActionFailure when anything else is left, or no digit
     */
    static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String s = io.ponte.kit.Phones.normalize(phone);
        if (s == null || !s.matches("\\+?[0-9]{3,20}") || !phone.strip().matches("[+0-9\\s().-]+")) {
            throw ActionFailure.failed("phone must be a phone number (digits, an optional leading +), not '"
                    + phone + "'");
        }
        return s;
    }

    /** Sets a property unless the input's {@code properties} already set it or the value is null. */
    static void putIfAbsent(ObjectNode properties, String name, String value) {
        if (value != null && !properties.has(name)) {
            properties.put(name, value);
        }
    }
}
