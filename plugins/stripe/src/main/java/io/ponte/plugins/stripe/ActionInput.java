package io.ponte.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.kit.ActionFailure;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Reads an action's input fields; a field that is missing or wrong ends the action as failed, naming it
 * ({@link ActionFailure}). Stateless.
 */
final class ActionInput {

    private ActionInput() {
    }

    /** A required text field. */
    static String text(JsonNode input, String field) {
        String value = optionalText(input, field);
        if (value == null) {
            throw ActionFailure.failed("input." + field + " is required (a non-empty string)");
        }
        return value;
    }

    /** An optional text field (a number is read as its text); null when absent or empty. */
    static String optionalText(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw ActionFailure.failed("input." + field + " must be a string");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** An amount in major units, as a JSON number or a decimal string ({@code "19.90"}); null when absent. */
    static BigDecimal amount(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            // asText keeps the number as written (19.9, not the double's 19.899999…)
            BigDecimal amount = value.isNumber() || value.isTextual() ? new BigDecimal(value.asText().strip()) : null;
            if (amount != null && amount.signum() > 0) {
                return amount;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ActionFailure.failed("input." + field + " must be a positive amount in major units (19.90), not "
                + value);
    }

    /** A three-letter ISO 4217 code, lower case as Stripe takes it. */
    static String currency(String value, String field) {
        if (value == null || !value.matches("[A-Za-z]{3}")) {
            throw ActionFailure.failed("input." + field + " must be a three-letter ISO 4217 code (usd, brl, jpy)");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** The amount in the currency's minor units. */
    static long minor(BigDecimal amount, String currency, String field) {
        try {
            return Currencies.minor(amount, currency);
        } catch (IllegalArgumentException e) {
            throw ActionFailure.failed("input." + field + ": " + e.getMessage());
        }
    }
}
