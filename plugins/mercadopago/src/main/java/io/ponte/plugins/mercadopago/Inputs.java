package io.ponte.plugins.mercadopago;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.ConversationKey;
import io.ponte.kit.ActionFailure;
import java.math.BigDecimal;

/**
 * Reading an action's input: a field that is missing or malformed ends the action as failed
 * ({@link ActionFailure}), naming the field, before Mercado Pago is called. Stateless.
 */
final class Inputs {

    private static final int MAX_TEXT = 600;

    private Inputs() {
    }

    /** A required non-blank string of at most 600 characters. */
    static String text(JsonNode input, String field) {
        String value = optionalText(input, field);
        if (value == null) {
            throw ActionFailure.failed(field + " is required");
        }
        return value;
    }

    /** An optional string of at most 600 characters, or null. */
    static String optionalText(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw ActionFailure.failed(field + " must be a string");
        }
        String value = node.asText().strip();
        if (value.length() > MAX_TEXT) {
            throw ActionFailure.failed(field + " must be at most " + MAX_TEXT + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    /** A required amount in major units (a JSON number or a decimal string), above zero, at most two decimals. */
    static BigDecimal amount(JsonNode input, String field) {
        BigDecimal amount = optionalAmount(input, field);
        if (amount == null) {
            throw ActionFailure.failed(field + " is required");
        }
        return amount;
    }

    /** An optional amount, as {@link #amount}, or null. */
    static BigDecimal optionalAmount(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip());
        } catch (NumberFormatException e) {
            throw ActionFailure.failed(field + " must be a decimal amount like 12.34");
        }
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2 || amount.precision() > 15) {
            throw ActionFailure.failed(field + " must be above 0 with at most two decimals");
        }
        return amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
    }

    /** An optional whole number between {@code min} and {@code max}, else {@code otherwise}. */
    static long integer(JsonNode input, String field, long otherwise, long min, long max) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) {
            return otherwise;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ActionFailure.failed(field + " must be a whole number from " + min + " to " + max);
        }
        return node.asLong();
    }

    /** An optional written conversation key ({@code <connection id>:<address>}), or null. */
    static ConversationKey conversation(JsonNode input, String field) {
        String written = optionalText(input, field);
        if (written == null) {
            return null;
        }
        return ConversationKey.parse(written).orElseThrow(() -> ActionFailure.failed(field
                + " must be a conversation key <connection id>:<address>"));
    }
}
