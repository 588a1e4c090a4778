package io.ponte.plugins.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;

/**
 * The deal and note actions.
 * <ul>
 *   <li>{@code deal.create} ({@code {title, amount?, currency?, stage?, pipeline?, contact, properties?}}): POSTs a
 *       deal ({@code dealname}, {@code amount}, {@code deal_currency_code}, {@code dealstage} default
 *       {@value #DEFAULT_STAGE}, {@code pipeline} default {@value #DEFAULT_PIPELINE}) associated with the contact
 *       (deal→contact type {@value #DEAL_TO_CONTACT}, {@code HUBSPOT_DEFINED}). {@code contact} is a contact id, or
 *       an object {@code {email?, phone?, name?}} that is upserted first as {@code contact.upsert} does (routes cannot
 *       pass one action's output to the next).</li>
 *   <li>{@code deal.update} ({@code {dealId, stage?, amount?, properties?}}): PATCHes the deal.</li>
 *   <li>{@code note.create} ({@code {contact?, deal?, text}}): POSTs a note ({@code hs_note_body},
 *       {@code hs_timestamp}) associated with the contact (note→contact {@value #NOTE_TO_CONTACT}) and/or the deal
 *       (note→deal {@value #NOTE_TO_DEAL}).</li>
 * </ul>
 * HubSpot has no idempotency key for creates: the id a delivery created is kept in {@code state()}
 * ({@code deal:<delivery id>}, {@code note:<delivery id>}) before the action answers, and a retry of that delivery
 * answers it instead of creating another. Thread-safe.
 */
final class Deals {

    static final String PATH = "/crm/v3/objects/deals";
    static final String NOTES = "/crm/v3/objects/notes";
    static final String DEFAULT_STAGE = "appointmentscheduled";
    static final String DEFAULT_PIPELINE = "default";
    static final int DEAL_TO_CONTACT = 3;
    static final int NOTE_TO_CONTACT = 202;
    static final int NOTE_TO_DEAL = 214;

    private final HubSpotApi api;
    private final Contacts contacts;
    private final KeyValueStore state;
    private final Clock clock;

    Deals(HubSpotApi api, Contacts contacts, KeyValueStore state, Clock clock) {
        this.api = api;
        this.contacts = contacts;
        this.state = state;
        this.clock = clock;
    }

    ActionResult create(ActionRequest request) {
        JsonNode input = request.input();
        String key = "deal:" + request.idempotencyKey();
        Optional<String> mine = state.get(key);
        if (mine.isPresent()) {
            return answer(mine.get());
        }
        String title = Inputs.required(input, "title", "deal.create");
        String contactId = contactId(input.get("contact"), "contact:" + request.idempotencyKey());
        ObjectNode properties = Inputs.properties(input);
        properties.put("dealname", title);
        amount(input, properties);
        Inputs.putIfAbsent(properties, "deal_currency_code", Inputs.text(input, "currency"));
        properties.put("dealstage", Optional.ofNullable(Inputs.text(input, "stage")).orElse(
                properties.path("dealstage").asText(DEFAULT_STAGE)));
        properties.put("pipeline", Optional.ofNullable(Inputs.text(input, "pipeline")).orElse(
                properties.path("pipeline").asText(DEFAULT_PIPELINE)));
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.set("properties", properties);
        associate(body.putArray("associations"), contactId, DEAL_TO_CONTACT);
        String id = created(api.post(PATH, body), "deal");
        state.put(key, id);
        return answer(id);
    }

    ActionResult update(ActionRequest request) {
        JsonNode input = request.input();
        String dealId = id(Inputs.required(input, "dealId", "deal.update"), "dealId");
        ObjectNode properties = Inputs.properties(input);
        Inputs.putIfAbsent(properties, "dealstage", Inputs.text(input, "stage"));
        amount(input, properties);
        if (properties.isEmpty()) {
            throw ActionFailure.failed("deal.update needs a stage, an amount or properties to change");
        }
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.set("properties", properties);
        api.patch(PATH + "/" + dealId, body);
        return answer(dealId);
    }

    ActionResult note(ActionRequest request) {
        JsonNode input = request.input();
        String text = Inputs.required(input, "text", "note.create");
        String contact = Optional.ofNullable(Inputs.text(input, "contact")).map(c -> id(c, "contact")).orElse(null);
        String deal = Optional.ofNullable(Inputs.text(input, "deal")).map(d -> id(d, "deal")).orElse(null);
        if (contact == null && deal == null) {
            throw ActionFailure.failed("note.create needs a contact or a deal (or both)");
        }
        String key = "note:" + request.idempotencyKey();
        Optional<String> mine = state.get(key);
        if (mine.isPresent()) {
            return answer(mine.get());
        }
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.putObject("properties").put("hs_note_body", text).put("hs_timestamp", clock.instant().toString());
        ArrayNode associations = body.putArray("associations");
        if (contact != null) {
            associate(associations, contact, NOTE_TO_CONTACT);
        }
        if (deal != null) {
            associate(associations, deal, NOTE_TO_DEAL);
        }
        String id = created(api.post(NOTES, body), "note");
        state.put(key, id);
        return answer(id);
    }

    private String contactId(JsonNode contact, String stateKey) {
        if (contact == null || contact.isNull() || contact.isValueNode() && contact.asText().isBlank()) {
            throw ActionFailure.failed("deal.create needs \"contact\": a HubSpot contact id, or {email, phone, name}");
        }
        if (contact.isObject()) {
            return contacts.upsert(contact, stateKey).id();
        }
        if (!contact.isValueNode()) {
            throw ActionFailure.failed("contact must be a contact id or an object {email, phone, name}");
        }
        return id(contact.asText().strip(), "contact");
    }

    private static void amount(JsonNode input, ObjectNode properties) {
        BigDecimal amount = Inputs.decimal(input, "amount");
        if (amount != null) {
            properties.put("amount", amount.toPlainString());
        }
    }

    private static void associate(ArrayNode associations, String id, int type) {
        ObjectNode a = associations.addObject();
        a.putObject("to").put("id", id);
        a.putArray("types").addObject().put("associationCategory", "HUBSPOT_DEFINED").put("associationTypeId", type);
    }

    /** HubSpot ids are digits; anything else would change the request's path. */
    private static String id(String value, String field) {
        if (!value.matches("[0-9]{1,20}")) {
            throw ActionFailure.failed(field + " must be a HubSpot object id (digits), not '" + value + "'");
        }
        return value;
    }

    private static String created(JsonNode answer, String what) {
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw ActionFailure.retry("HubSpot created the " + what + " but named no id");
        }
        return id;
    }

    private static ActionResult answer(String id) {
        return new ActionResult.Delivered(id, PluginJson.mapper().createObjectNode().put("id", id));
    }

}
