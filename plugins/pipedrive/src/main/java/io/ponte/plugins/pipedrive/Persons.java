package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code contact.upsert} on Pipedrive persons (API v2), input {@code {name?, email?, phone?, properties?}}: the
 * person this delivery already created, else the first found by e-mail, then by phone
 * ({@code GET /api/v2/persons/search?fields=email|phone&exact_match=true}), is updated
 * ({@code PATCH /api/v2/persons/{id}}: the name, the properties, and the e-mail or phone added when missing);
 * otherwise one is created ({@code POST /api/v2/persons}). Output {@code {"id","created"}}, external ref the person
 * id.
 *
 * <p>No duplicates under retries: Pipedrive takes no idempotency key, so the id of a person this delivery created is
 * kept in {@code state()} under {@code person:<idempotency key>} before the action answers, and a retry updates that
 * person instead of searching; a retry after a create whose answer was lost finds the person by its e-mail or phone.
 * Thread-safe (the hub runs one attempt of a delivery at a time).
 */
final class Persons {

    private final PipedriveApi api;
    private final KeyValueStore state;

    Persons(PipedriveApi api, KeyValueStore state) {
        this.api = api;
        this.state = state;
    }

    /** The person found or created, and whether this delivery created it. */
    record Upserted(long id, boolean created) {
        ActionResult result() {
            ObjectNode output = PluginJson.mapper().createObjectNode().put("id", Long.toString(id))
                    .put("created", created);
            return new ActionResult.Delivered(Long.toString(id), output);
        }
    }

    ActionResult upsert(ActionRequest request) {
        JsonNode input = request.input();
        return upsert(Inputs.text(input, "name"), Inputs.text(input, "email"),
                Inputs.phone(Inputs.text(input, "phone")), input, request.idempotencyKey()).result();
    }

    /**
     * Finds or creates a person.
     *
     * @param input the input whose {@code properties} go along, or null for none
     * @throws ActionFailure with Pipedrive's verdict, or when there is nothing to find or create a person by
     */
    Upserted upsert(String name, String email, String phone, JsonNode input, String idempotencyKey) {
        if (name == null && email == null && phone == null) {
            throw ActionFailure.failed("contact.upsert needs a name, an email or a phone");
        }
        String key = "person:" + idempotencyKey;
        String mine = state.get(key).orElse(null);
        if (mine != null) {
            long id = Long.parseLong(mine);
            update(id, null, name, email, phone, input);
            return new Upserted(id, true);
        }
        JsonNode found = email != null ? search("email", email.toLowerCase(Locale.ROOT)) : null;
        if (found == null && phone != null) {
            found = search("phone", phone);
        }
        if (found != null) {
            long id = found.get("id").asLong();
            update(id, found, name, email, phone, input);
            return new Upserted(id, false);
        }
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.put("name", name != null ? name : email != null ? email : phone);
        if (email != null) {
            body.putArray("emails").add(entry(email, true));
        }
        if (phone != null) {
            body.putArray("phones").add(entry(phone, true));
        }
        if (input != null) {
            Inputs.properties(input, body);
        }
        long id = idOf(api.send("POST", "/api/v2/persons", body), "POST /api/v2/persons");
        state.put(key, Long.toString(id));
        return new Upserted(id, true);
    }

    /** A person as {@code GET /api/v2/persons/{id}} answers it. */
    JsonNode get(long id) {
        return api.get("/api/v2/persons/" + id);
    }

    /** The best match's item ({@code id}, {@code emails}, {@code phones} as strings), or null. */
    private JsonNode search(String field, String term) {
        JsonNode data = api.get("/api/v2/persons/search?term=" + PipedriveApi.encode(term) + "&fields=" + field
                + "&exact_match=true&limit=1");
        for (JsonNode hit : data.path("items")) {
            JsonNode item = hit.path("item");
            if (item.path("id").canConvertToLong() && item.path("id").asLong() > 0) {
                return item;
            }
        }
        return null;
    }

    private void update(long id, JsonNode found, String name, String email, String phone, JsonNode input) {
        ObjectNode body = PluginJson.mapper().createObjectNode();
        if (name != null && (found == null || !name.equals(found.path("name").asText(null)))) {
            body.put("name", name);
        }
        if (found != null) {
            added(found.path("emails"), email, true).ifPresentSet(body, "emails");
            added(found.path("phones"), phone, false).ifPresentSet(body, "phones");
        }
        if (input != null) {
            Inputs.properties(input, body);
        }
        if (!body.isEmpty()) {
            api.send("PATCH", "/api/v2/persons/" + id, body);
        }
    }

    /** The whole list to PATCH when {@code value} is missing from {@code existing} (API v2 replaces the list). */
    private static Added added(JsonNode existing, String value, boolean caseInsensitive) {
        if (value == null) {
            return new Added(null);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode v : existing) {
            String text = v.isObject() ? v.path("value").asText("") : v.asText("");
            if (caseInsensitive ? text.equalsIgnoreCase(value) : Inputs.phone(text) != null
                    && Inputs.phone(text).equals(value)) {
                return new Added(null);
            }
            if (!text.isBlank()) {
                values.add(text);
            }
        }
        ArrayNode list = PluginJson.mapper().createArrayNode();
        for (int i = 0; i < values.size(); i++) {
            list.add(entry(values.get(i), i == 0));
        }
        list.add(entry(value, values.isEmpty()));
        return new Added(list);
    }

    private record Added(ArrayNode list) {
        void ifPresentSet(ObjectNode body, String field) {
            if (list != null) {
                body.set(field, list);
            }
        }
    }

    private static ObjectNode entry(String value, boolean primary) {
        return PluginJson.mapper().createObjectNode().put("value", value).put("primary", primary).put("label", "work");
    }

    /** The {@code id} of a created object. */
    static long idOf(JsonNode data, String call) {
        JsonNode id = data == null ? null : data.get("id");
        if (id == null || !id.canConvertToLong()) {
            throw ActionFailure.retry(call + ": Pipedrive answered without the new object's id");
        }
        return id.asLong();
    }
}
