package io.ponte.plugins.stripe.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Stripe API object as JSON (a PaymentIntent, a Charge, a Checkout Session …), read tolerantly: Stripe renders
 * objects in the API version of the endpoint or request, so fields come and go between versions, and an expandable
 * field ({@code payment_intent}) is an id or the expanded object. Immutable.
 *
 * @param json the object; never null
 */
public record StripeObject(JsonNode json) {

    /** Requires the JSON. */
    public StripeObject {
        Objects.requireNonNull(json, "json");
    }

    /** A text field, or null when absent, null or not text. */
    public String text(String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }

    /** The text at a JSON pointer ({@code /customer_details/email}), or null. */
    public String at(String pointer) {
        JsonNode value = json.at(pointer);
        return value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }

    /** An integer field (an amount in minor units), or null. */
    public Long integer(String field) {
        JsonNode value = json.get(field);
        return value != null && value.isIntegralNumber() ? value.longValue() : null;
    }

    /** A boolean field; false when absent. */
    public boolean flag(String field) {
        JsonNode value = json.get(field);
        return value != null && value.asBoolean(false);
    }

    /** An expandable field's id: the text itself, or the expanded object's {@code id}; null when absent. */
    public String id(String field) {
        JsonNode value = json.get(field);
        if (value == null) {
            return null;
        }
        if (value.isObject()) {
            return new StripeObject(value).text("id");
        }
        return text(field);
    }

    /** A nested object, or null. */
    public StripeObject object(String field) {
        JsonNode value = json.get(field);
        return value != null && value.isObject() ? new StripeObject(value) : null;
    }

    /** The {@code metadata} as text values (Stripe's metadata is string to string); empty when none. */
    public Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode node = json.get("metadata");
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    metadata.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return metadata;
    }

    /** The first element of an array field that is text, or null. */
    public String firstText(String field) {
        JsonNode value = json.get(field);
        return value != null && value.isArray() && !value.isEmpty() && value.get(0).isTextual()
                ? value.get(0).textValue() : null;
    }
}
