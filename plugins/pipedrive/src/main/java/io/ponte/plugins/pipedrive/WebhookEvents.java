package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.Contact;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.FollowUp;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.PluginJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Pipedrive webhook v2 event becomes, tolerant of the documented type quirks (ids as numbers or strings,
 * {@code meta.timestamp} as ISO-8601 or epoch seconds, {@code previous} holding only the changed fields):
 * <ul>
 *   <li>{@code person} created or changed, with its name, e-mails and phones in {@code data}: {@code contact.upserted}
 *       ({@link Contact}, {@code contactId} the person id) at once; with a partial {@code data}, a
 *       {@value #NOTICE} envelope whose follow-up {@value EventFetch#ACTION} fetches the person;</li>
 *   <li>{@code deal} created or changed: {@code deal.updated} ({@link #dealPayload}, attribute {@code previousStage}
 *       from {@code previous.stage_id}, {@code previousStatus} from {@code previous.status}). A deal with a person
 *       goes through the follow-up {@value EventFetch#ACTION}, which adds the person's name, phone and e-mail
 *       ({@code contactName}, {@code contactPhone}, {@code contactEmail}: what a thank-you on the customer's channel
 *       needs); the event's own deal state is kept, so a later change does not hide this one's stage move;</li>
 *   <li>anything else (deletions, other entities): nothing, answered 200.</li>
 * </ul>
 * Every envelope's {@code externalId} holds {@code meta.id}, so a retried delivery ({@code meta.attempt} 2 to 4) is
 * stored once and a new event again. Stateless.
 */
final class WebhookEvents {

    /** The type of a stored event waiting for its follow-up. */
    static final String NOTICE = "pipedrive.webhook";

    private WebhookEvents() {
    }

    static List<EnvelopeDraft> map(JsonNode event) {
        JsonNode meta = event.get("meta");
        String entity = meta.get("entity").asText();
        String action = meta.get("action").asText();
        JsonNode data = event.path("data");
        if (!("create".equals(action) || "change".equals(action)) || !data.isObject() || id(data.get("id")) == null) {
            return List.of();
        }
        return switch (entity) {
            case "person" -> List.of(person(event, meta, data));
            case "deal" -> List.of(deal(event, meta, data));
            default -> List.of();
        };
    }

    private static EnvelopeDraft person(JsonNode event, JsonNode meta, JsonNode data) {
        String personId = id(data.get("id"));
        if (data.path("name").isTextual() && data.path("emails").isArray() && data.path("phones").isArray()) {
            return EnvelopeDraft.builder(EnvelopeTypes.CONTACT_UPSERTED, contact(data))
                    .externalId("person:" + eventId(meta))
                    .occurredAt(timestamp(meta))
                    .attribute("personId", personId)
                    .build();
        }
        ObjectNode input = PluginJson.mapper().createObjectNode().put("entity", "person").put("personId", personId);
        return notice(event, meta).followUp(FollowUp.of(EventFetch.ACTION, "/persons/" + personId, input)).build();
    }

    private static EnvelopeDraft deal(JsonNode event, JsonNode meta, JsonNode data) {
        ObjectNode compact = PluginJson.mapper().createObjectNode();
        compact.set("data", dealPayload(data));
        ObjectNode previous = compact.putObject("previous");
        JsonNode old = event.path("previous");
        if (old.has("stage_id")) {
            previous.put("stage", id(old.get("stage_id")));
        }
        if (old.has("status")) {
            previous.put("status", old.get("status").asText(null));
        }
        compact.put("eventId", eventId(meta));
        Instant at = timestamp(meta);
        if (at != null) {
            compact.put("timestamp", at.toString());
        }
        String personId = id(data.get("person_id"));
        if (personId == null) {
            return dealUpdated(compact, null).build();
        }
        ObjectNode input = PluginJson.mapper().createObjectNode().put("entity", "deal").put("personId", personId);
        input.set("event", compact);
        String dealId = id(data.get("id"));
        return notice(event, meta).followUp(FollowUp.of(EventFetch.ACTION,
                "/deals/" + dealId + "/events/" + eventId(meta), input)).build();
    }

    /** The {@code deal.updated} draft of a compacted deal event, with the person's details when fetched. */
    static EnvelopeDraft.Builder dealUpdated(JsonNode compact, JsonNode person) {
        ObjectNode payload = compact.get("data").deepCopy();
        if (person != null) {
            Contact contact = contact(person);
            putText(payload, "contactName", contact.name());
            putText(payload, "contactPhone", contact.phone());
            putText(payload, "contactEmail", contact.email());
        }
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(EnvelopeTypes.DEAL_UPDATED, new GenericPayload(payload))
                .externalId("deal:" + compact.path("eventId").asText())
                .attribute("dealId", payload.path("dealId").asText(null))
                .attribute("status", payload.path("status").asText(null));
        String previousStage = compact.path("previous").path("stage").asText(null);
        if (previousStage != null && !previousStage.equals(payload.path("stage").asText(null))) {
            draft.attribute("previousStage", previousStage);
        }
        String previousStatus = compact.path("previous").path("status").asText(null);
        if (previousStatus != null) {
            draft.attribute("previousStatus", previousStatus);
        }
        if (compact.path("timestamp").isTextual()) {
            draft.occurredAt(Instant.parse(compact.get("timestamp").asText()));
        }
        return draft;
    }

    /** A deal as {@code deal.updated} carries it: dealId, title, stage, status, amount, currency, contactId. */
    static ObjectNode dealPayload(JsonNode deal) {
        ObjectNode payload = PluginJson.mapper().createObjectNode();
        payload.put("dealId", id(deal.get("id")));
        putText(payload, "title", deal.path("title").asText(null));
        putText(payload, "stage", id(deal.get("stage_id")));
        putText(payload, "status", deal.path("status").asText(null));
        JsonNode value = deal.get("value");
        if (value != null && value.isNumber()) {
            payload.put("amount", value.decimalValue());
        } else if (value != null && value.isTextual() && value.asText().matches("-?[0-9]{1,15}(\\.[0-9]{1,10})?")) {
            payload.put("amount", new java.math.BigDecimal(value.asText()));
        }
        putText(payload, "currency", deal.path("currency").asText(null));
        putText(payload, "contactId", id(deal.get("person_id")));
        return payload;
    }

    /** A person ({@code data} of a webhook, or API v2's person) as a {@link Contact}: primary e-mail and phone. */
    static Contact contact(JsonNode person) {
        Map<String, String> properties = new LinkedHashMap<>();
        putProperty(properties, "firstName", person.path("first_name").asText(null));
        putProperty(properties, "lastName", person.path("last_name").asText(null));
        putProperty(properties, "orgId", id(person.get("org_id")));
        putProperty(properties, "ownerId", id(person.get("owner_id")));
        return new Contact(id(person.get("id")), person.path("name").asText(null), primary(person.path("emails")),
                Inputs.phone(primary(person.path("phones"))), properties);
    }

    /** The primary entry's value of {@code [{value, primary, label}]} (or the first; plain strings too), or null. */
    private static String primary(JsonNode list) {
        String first = null;
        for (JsonNode entry : list) {
            String value = entry.isObject() ? entry.path("value").asText("") : entry.asText("");
            if (value.isBlank()) {
                continue;
            }
            if (entry.path("primary").asBoolean(false)) {
                return value;
            }
            first = first == null ? value : first;
        }
        return first;
    }

    private static EnvelopeDraft.Builder notice(JsonNode event, JsonNode meta) {
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.set("meta", meta);
        body.put("entityId", id(event.path("data").get("id")));
        return EnvelopeDraft.builder(NOTICE, new GenericPayload(body))
                .externalId("webhook:" + eventId(meta))
                .occurredAt(timestamp(meta));
    }

    /**
     * The event's id: {@code meta.id}, except where the docs show {@code meta.id} equal to the entity id (user
     * events), where the timestamp joins it.
     */
    private static String eventId(JsonNode meta) {
        String id = meta.get("id").asText();
        String entityId = meta.path("entity_id").asText("");
        return id.equals(entityId) ? id + "@" + meta.path("timestamp").asText("") : id;
    }

    /** {@code meta.timestamp}: ISO-8601, or epoch seconds (user events); null when neither. */
    private static Instant timestamp(JsonNode meta) {
        JsonNode t = meta.get("timestamp");
        try {
            if (t != null && t.isIntegralNumber()) {
                return Instant.ofEpochSecond(t.asLong());
            }
            if (t != null && t.isTextual()) {
                return t.asText().matches("[0-9]{9,11}") ? Instant.ofEpochSecond(Long.parseLong(t.asText()))
                        : Instant.parse(t.asText());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw WebhookRejectedException.badRequest("meta.timestamp is no ISO-8601 instant nor epoch seconds");
        }
        return null;
    }

    /** An id given as a number or a string; null when absent, null or blank. */
    static String id(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isObject() && v.has("value")) {
            return id(v.get("value"));
        }
        String text = v.isTextual() ? v.asText().strip() : null;
        return text == null || text.isEmpty() ? null : text;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putProperty(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
