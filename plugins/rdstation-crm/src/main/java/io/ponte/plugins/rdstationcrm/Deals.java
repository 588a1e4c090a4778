package io.ponte.plugins.rdstationcrm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code deal.create} ({@code POST /deals}) and {@code deal.update} ({@code PUT /deals/{id}}).
 *
 * <p>RD Station CRM takes no idempotency key, so {@code deal.create} keeps {@code deal:<delivery id>} in the
 * connection's state: {@code pending} before the create, the deal's id right after it (before the action answers).
 * A retry that finds the id answers it without calling RD Station; one that finds {@code pending} (an earlier attempt
 * may have created the deal and lost the answer) first looks for a deal of exactly that name
 * ({@code GET /deals?name=}) and takes it instead of creating another. {@code contact} is a contact's id, or an
 * object {@code {name, email, phone}} that is upserted first ({@link Contacts}). Thread-safe.
 */
final class Deals {

    /** RD Station's object ids: 24 hexadecimal characters (MongoDB ids). */
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{24}");
    private static final String PENDING = "pending";

    private final RdStationApi api;
    private final Contacts contacts;
    private final KeyValueStore state;

    Deals(RdStationApi api, Contacts contacts, KeyValueStore state) {
        this.api = api;
        this.contacts = contacts;
        this.state = state;
    }

    /** {@code deal.create}. */
    ActionResult create(ActionRequest request) {
        JsonNode input = request.input();
        String title = Inputs.required(input, "title");
        String key = "deal:" + request.idempotencyKey();
        String known = state.get(key).orElse(null);
        if (known != null && !known.equals(PENDING)) {
            return delivered(known);
        }
        String contactId = contact(input.get("contact"));
        ObjectNode deal = fields(input);
        deal.put("name", title);
        String stage = Inputs.text(input, "stage");
        if (stage != null) {
            deal.put("deal_stage_id", stageId(stage));
        }
        if (PENDING.equals(known)) {
            String earlier = byName(title);
            if (earlier != null) {
                state.put(key, earlier);
                return delivered(earlier);
            }
        } else {
            state.put(key, PENDING);
        }
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.set("deal", deal);
        body.putArray("contacts").addObject().put("_id", contactId);
        String id = Inputs.id(api.send("POST", "/deals", body));
        if (id == null) {
            throw ActionFailure.retry("RD Station CRM created a deal without saying its id");
        }
        state.put(key, id);
        return delivered(id);
    }

    /** {@code deal.update}: the stage goes at the body's top level, as RD Station's v1 wants it. */
    ActionResult update(ActionRequest request) {
        JsonNode input = request.input();
        String dealId = Inputs.required(input, "dealId");
        if (!OBJECT_ID.matcher(dealId).matches()) {
            throw ActionFailure.failed("\"dealId\" must be an RD Station CRM deal id (24 hexadecimal characters)");
        }
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.set("deal", fields(input));
        String stage = Inputs.text(input, "stage");
        if (stage != null) {
            body.put("deal_stage_id", stageId(stage));
        }
        api.send("PUT", "/deals/" + dealId, body);
        return delivered(dealId);
    }

    private static ActionResult delivered(String id) {
        return new ActionResult.Delivered(id, PluginJson.mapper().createObjectNode().put("id", id));
    }

    /** The deal's own fields: the properties, then the amount ({@code amount_total}) over them. */
    private static ObjectNode fields(JsonNode input) {
        ObjectNode deal = PluginJson.mapper().createObjectNode();
        JsonNode properties = Inputs.properties(input);
        if (properties != null) {
            deal.setAll((ObjectNode) properties.deepCopy());
        }
        String currency = Inputs.text(input, "currency");
        if (currency != null && !currency.equalsIgnoreCase("BRL")) {
            throw ActionFailure.failed("RD Station CRM keeps deal amounts in reais (BRL), not " + currency);
        }
        BigDecimal amount = Inputs.amount(input, "amount");
        if (amount != null) {
            deal.put("amount_total", amount);
        }
        return deal;
    }

    private String contact(JsonNode contact) {
        if (contact == null || contact.isNull()) {
            throw ActionFailure.failed("\"contact\" is required: an RD Station CRM contact id, or "
                    + "{name, email, phone} to upsert first");
        }
        if (contact.isObject()) {
            return contacts.upsert(contact).id();
        }
        String id = contact.asText().strip();
        if (!contact.isTextual() || !OBJECT_ID.matcher(id).matches()) {
            throw ActionFailure.failed("\"contact\" must be an RD Station CRM contact id (24 hexadecimal "
                    + "characters) or an object {name, email, phone}");
        }
        return id;
    }

    /** A stage id as given, or the id of the stage with that name or nickname ({@code GET /deal_stages}). */
    private String stageId(String stage) {
        if (OBJECT_ID.matcher(stage).matches()) {
            return stage;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode s : Inputs.items(api.get("/deal_stages", Map.of()), "deal_stages")) {
            String name = s.path("name").asText("");
            names.add(name);
            if (name.equalsIgnoreCase(stage) || s.path("nickname").asText("").equalsIgnoreCase(stage)) {
                return Inputs.id(s);
            }
        }
        throw ActionFailure.failed("RD Station CRM has no deal stage named \"" + stage + "\" (stages: "
                + String.join(", ", names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()) + ")");
    }

    private String byName(String title) {
        for (JsonNode deal : Inputs.items(api.get("/deals", Map.of("name", title)), "deals")) {
            if (title.equals(deal.path("name").asText(null)) && Inputs.id(deal) != null) {
                return Inputs.id(deal);
            }
        }
        return null;
    }
}
