package io.ponte.plugins.mercadolivre;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notice topics the connector follows, each with the shape its {@code resource} must have: the resource becomes
 * a path the connector GETs with the seller's token, so nothing but the documented shape is accepted.
 */
enum Topic {
    /** An order changed: {@code /orders/<id>}. */
    ORDERS_V2("orders_v2", "/orders/([0-9]{1,20})", "/orders/%s"),
    /** A buyer asked (or a question changed): {@code /questions/<id>}. */
    QUESTIONS("questions", "/questions/([0-9]{1,20})", "/questions/%s"),
    /** A post-sale message was created or read: a bare message id. */
    MESSAGES("messages", "(?:/messages/)?([A-Za-z0-9-]{1,64})", "/messages/%s?tag=post_sale"),
    /** A listing changed: {@code /items/<id>}. */
    ITEMS("items", "/items/([A-Z]{3}[0-9]{1,20})", "/items/%s"),
    /** A payment changed: {@code /collections/<id>} (or {@code /payments/<id>}). */
    PAYMENTS("payments", "/(?:collections|payments)/([0-9]{1,20})", "/collections/%s"),
    /** A shipment changed: {@code /shipments/<id>}. */
    SHIPMENTS("shipments", "/shipments/([0-9]{1,20})", "/shipments/%s");

    private final String wire;
    private final Pattern resource;
    private final String path;

    Topic(String wire, String resource, String path) {
        this.wire = wire;
        this.resource = Pattern.compile(resource);
        this.path = path;
    }

    /** The topic as notices name it. */
    String wire() {
        return wire;
    }

    /** The topic a notice names, if the connector follows it. */
    static Optional<Topic> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    /** The resource's id, when the resource has this topic's shape. */
    Optional<String> id(String resourceText) {
        Matcher m = resource.matcher(resourceText);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The path to GET for a resource id. */
    String path(String id) {
        return path.formatted(id);
    }
}
