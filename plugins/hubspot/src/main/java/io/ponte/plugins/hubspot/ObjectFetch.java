package io.ponte.plugins.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.message.Contact;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.Emissions;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The follow-up of a stored webhook event ({@value #ACTION}, input {@code {"objectType":"contact"|"deal",
 * "objectId"}}): GETs the object and emits what it is now, waiting until the hub stored it.
 * <ul>
 *   <li>a contact: {@code contact.upserted} with a {@link Contact} ({@code contactId} the HubSpot id, the name from
 *       {@code firstname}/{@code lastname}, {@code email}, {@code phone} else {@code mobilephone}, the other
 *       properties fetched), {@code externalId contact:<id>:<updatedAt>};</li>
 *   <li>a deal (with its contact associations): {@code deal.updated} with {@code dealId}, {@code title},
 *       {@code stage}, {@code pipeline}, {@code amount}, {@code currency}, {@code contactId} (the first associated
 *       contact), {@code externalId deal:<id>:<updatedAt>}, attribute {@code previousStage} when the stage moved since
 *       the last fetch (kept in {@code state()} as {@code deal-stage:<id>} once the hub stored the envelope).</li>
 * </ul>
 * So one state of an object is stored once however many events name it. HubSpot's errors are the action's outcome
 * (429 and 5xx retried, a deleted object's 404 failed). Thread-safe: the hub runs one follow-up per object at a time.
 */
final class ObjectFetch {

    /** The follow-up action, declared in the descriptor. */
    static final String ACTION = "object.fetch";
    static final String DEAL_PROPERTIES = "dealname,amount,dealstage,pipeline,deal_currency_code,closedate";
    private static final Duration EMIT_WAIT = Duration.ofSeconds(10);

    private final HubSpotApi api;
    private final ConnectorContext context;

    ObjectFetch(HubSpotApi api, ConnectorContext context) {
        this.api = api;
        this.context = context;
    }

    ActionResult fetch(ActionRequest request) {
        String type = request.input().path("objectType").asText("");
        String id = request.input().path("objectId").asText("");
        if (!id.matches("[0-9]{1,20}")) {
            throw ActionFailure.failed("object.fetch needs a HubSpot objectId (digits)");
        }
        EnvelopeDraft.Builder draft;
        Runnable afterStored = () -> { };
        if ("contact".equals(type)) {
            draft = contact(api.get(Contacts.PATH + "/" + id + "?properties=" + Contacts.PROPERTIES), id);
        } else if ("deal".equals(type)) {
            JsonNode deal = api.get(Deals.PATH + "/" + id + "?properties=" + DEAL_PROPERTIES
                    + "&associations=contacts");
            String stage = text(deal.path("properties"), "dealstage");
            String stateKey = "deal-stage:" + id;
            String previous = context.state().get(stateKey).orElse(null);
            draft = deal(deal, id);
            if (previous != null && stage != null && !previous.equals(stage)) {
                draft.attribute("previousStage", previous);
            }
            if (stage != null) {
                afterStored = () -> context.state().put(stateKey, stage);
            }
        } else {
            throw ActionFailure.failed("object.fetch takes objectType contact or deal, not '" + type + "'");
        }
        EnvelopeDraft built = caused(draft, request.cause()).build();
        List<String> stored = Emissions.await(context.emitter(), List.of(built), EMIT_WAIT);
        afterStored.run();
        return new ActionResult.Delivered(null, PluginJson.mapper().createObjectNode().put("objectType", type)
                .put("objectId", id).put("type", built.type()).put("new", stored.get(0) != null));
    }

    private static EnvelopeDraft.Builder contact(JsonNode json, String id) {
        JsonNode p = json.path("properties");
        String first = text(p, "firstname");
        String last = text(p, "lastname");
        String name = first == null ? last : last == null ? first : first + " " + last;
        String phone = text(p, "phone") != null ? text(p, "phone") : text(p, "mobilephone");
        Map<String, String> properties = new LinkedHashMap<>();
        p.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                properties.put(e.getKey(), e.getValue().asText());
            }
        });
        return EnvelopeDraft.builder(EnvelopeTypes.CONTACT_UPSERTED,
                        new Contact(id, name, text(p, "email"), phone, properties))
                .externalId("contact:" + id + ":" + version(json))
                .attribute("contactId", id);
    }

    private static EnvelopeDraft.Builder deal(JsonNode json, String id) {
        JsonNode p = json.path("properties");
        ObjectNode data = PluginJson.mapper().createObjectNode().put("dealId", id);
        putText(data, "title", text(p, "dealname"));
        putText(data, "stage", text(p, "dealstage"));
        putText(data, "pipeline", text(p, "pipeline"));
        String amount = text(p, "amount");
        if (amount != null) {
            try {
                data.put("amount", new BigDecimal(amount));
            } catch (NumberFormatException e) {
                data.put("amount", amount);
            }
        }
        putText(data, "currency", text(p, "deal_currency_code"));
        JsonNode contacts = json.path("associations").path("contacts").path("results");
        String contactId = contacts.isArray() && !contacts.isEmpty() ? text(contacts.get(0), "id") : null;
        putText(data, "contactId", contactId);
        return EnvelopeDraft.builder(EnvelopeTypes.DEAL_UPDATED, new GenericPayload(data))
                .externalId("deal:" + id + ":" + version(json))
                .attribute("dealId", id)
                .attribute("orderingKey", "deal:" + id);
    }

    /** What tells one state from the next: {@code updatedAt}, else the last-modified property. */
    private static String version(JsonNode json) {
        String updated = text(json, "updatedAt");
        if (updated == null) {
            updated = text(json.path("properties"), "hs_lastmodifieddate");
        }
        return updated == null ? text(json.path("properties"), "lastmodifieddate") : updated;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static EnvelopeDraft.Builder caused(EnvelopeDraft.Builder draft, Envelope cause) {
        return cause == null ? draft : draft.causationId(cause.id()).correlationId(cause.correlationId());
    }
}
