package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.ActionInputs;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * {@code deal.create} ({@code POST /api/v2/deals}, input {@code {title, amount?, currency?, stage?, contact,
 * properties?}}, {@code contact} the person id, or an object {@code {name?, email?, phone?, properties?}} upserted
 * first as {@code contact.upsert} does, so one route can create the person and the deal) and {@code deal.update} ({@code PATCH /api/v2/deals/{id}}, input
 * {@code {dealId, stage?, amount?, currency?, properties?}}). {@code stage} is a stage id, or a stage's name looked up
 * with {@code GET /api/v2/stages} (case-insensitive; the first match over all pipelines; none fails the action).
 * {@code amount} goes out as Pipedrive's {@code value}, a decimal in major units.
 *
 * <p>No duplicates under retries: the id of a deal this delivery created is kept in {@code state()} under
 * {@code deal:<idempotency key>} before the action answers, and a retry answers that deal without creating another.
 * Thread-safe.
 */
final class Deals {

    private final PipedriveApi api;
    private final Persons persons;
    private final KeyValueStore state;

    Deals(PipedriveApi api, Persons persons, KeyValueStore state) {
        this.api = api;
        this.persons = persons;
        this.state = state;
    }

    ActionResult create(ActionRequest request) {
        JsonNode input = request.input();
        String key = "deal:" + request.idempotencyKey();
        String mine = state.get(key).orElse(null);
        if (mine != null) {
            return delivered(Long.parseLong(mine));
        }
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.put("title", Inputs.required(input, "title"));
        body.put("person_id", person(input, request.idempotencyKey()));
        money(input, body);
        stage(input, body);
        Inputs.properties(input, body);
        long id = Persons.idOf(api.send("POST", "/api/v2/deals", body), "POST /api/v2/deals");
        state.put(key, Long.toString(id));
        return delivered(id);
    }

    /** The person id {@code contact} names, or of the person it describes (found or created now). */
    private long person(JsonNode input, String idempotencyKey) {
        JsonNode contact = ActionInputs.described(input, "contact", "a person id or an object {name, email, phone}");
        if (contact != null) {
            return persons.upsert(Inputs.text(contact, "name"), Inputs.text(contact, "email"),
                    Inputs.phone(Inputs.text(contact, "phone")), contact, idempotencyKey).id();
        }
        Long person = Inputs.id(input, "contact");
        if (person == null) {
            throw ActionFailure.failed("contact is required: the person id, as contact.upsert answers it, or "
                    + "{name, email, phone} to find or create the person");
        }
        return person;
    }

    ActionResult update(ActionRequest request) {
        JsonNode input = request.input();
        Long id = Inputs.id(input, "dealId");
        if (id == null) {
            throw ActionFailure.failed("dealId is required");
        }
        ObjectNode body = PluginJson.mapper().createObjectNode();
        money(input, body);
        stage(input, body);
        Inputs.properties(input, body);
        if (body.isEmpty()) {
            throw ActionFailure.failed("deal.update needs a stage, an amount, a currency or properties to change");
        }
        api.send("PATCH", "/api/v2/deals/" + id, body);
        return delivered(id);
    }

    private static void money(JsonNode input, ObjectNode body) {
        BigDecimal amount = Inputs.amount(input, "amount");
        if (amount != null) {
            if (amount.signum() < 0) {
                throw ActionFailure.failed("amount must not be negative");
            }
            body.put("value", amount);
        }
        String currency = Inputs.text(input, "currency");
        if (currency != null) {
            if (!currency.matches("[A-Za-z]{3}")) {
                throw ActionFailure.failed("currency must be an ISO 4217 code like EUR, not '" + Inputs.clip(currency)
                        + "'");
            }
            body.put("currency", currency.toUpperCase(Locale.ROOT));
        }
    }

    private void stage(JsonNode input, ObjectNode body) {
        String stage = Inputs.text(input, "stage");
        if (stage == null) {
            return;
        }
        body.put("stage_id", stage.matches("[1-9][0-9]{0,17}") ? Long.parseLong(stage) : stageId(stage));
    }

    private long stageId(String name) {
        for (JsonNode s : api.get("/api/v2/stages?limit=500")) {
            if (name.equalsIgnoreCase(s.path("name").asText("").strip()) && s.path("id").canConvertToLong()) {
                return s.get("id").asLong();
            }
        }
        throw ActionFailure.failed("no Pipedrive stage is named '" + Inputs.clip(name) + "'");
    }

    private static ActionResult delivered(long id) {
        return new ActionResult.Delivered(Long.toString(id),
                PluginJson.mapper().createObjectNode().put("id", Long.toString(id)));
    }
}
