package io.ponte.plugins.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.util.Optional;

/**
 * {@code contact.upsert} ({@code {name?, email?, phone?, properties?}}): searches the contact by e-mail, then by phone
 * ({@code phone} or {@code mobilephone}, normalized), and PATCHes the one found or POSTs a new one. A 409 on the POST
 * (the e-mail exists, HubSpot's own duplicate guard) updates the existing contact instead. The id created for a
 * delivery is kept in {@code state()} under {@code contact:<delivery id>} before the action answers, so a retry of
 * that delivery updates it rather than creating another (HubSpot's search index lags creates by a few seconds).
 * Output {@code {"id","created"}}, externalRef the contact id. Thread-safe.
 */
final class Contacts {

    static final String PATH = "/crm/v3/objects/contacts";
    /** The properties fetched and searched. */
    static final String PROPERTIES = "email,firstname,lastname,phone,mobilephone,lifecyclestage";

    /**
     * The outcome of an upsert.
     *
     * @param id      the HubSpot contact id
     * @param created whether this delivery created it
     */
    record Upserted(String id, boolean created) {
    }

    private final HubSpotApi api;
    private final KeyValueStore state;

    Contacts(HubSpotApi api, KeyValueStore state) {
        this.api = api;
        this.state = state;
    }

    ActionResult upsert(ActionRequest request) {
        Upserted u = upsert(request.input(), "contact:" + request.idempotencyKey());
        return new ActionResult.Delivered(u.id(), PluginJson.mapper().createObjectNode().put("id", u.id())
                .put("created", u.created()));
    }

    /**
     * Upserts a contact described by {@code input}.
     *
     * @param input    {@code {name?, email?, phone?, properties?}}
     * @param stateKey where the id this delivery created is kept
     * @throws ActionFailure when the input names nobody or HubSpot's answer is an error
     */
    Upserted upsert(JsonNode input, String stateKey) {
        String email = Inputs.text(input, "email");
        String phone = Inputs.phone(Inputs.text(input, "phone"));
        String name = Inputs.text(input, "name");
        if (email == null && phone == null && name == null) {
            throw ActionFailure.failed("contact.upsert needs an email, a phone or a name");
        }
        ObjectNode properties = Inputs.properties(input);
        Inputs.putIfAbsent(properties, "email", email);
        Inputs.putIfAbsent(properties, "phone", phone);
        if (name != null) {
            int space = name.indexOf(' ');
            Inputs.putIfAbsent(properties, "firstname", space < 0 ? name : name.substring(0, space));
            Inputs.putIfAbsent(properties, "lastname", space < 0 ? null : name.substring(space + 1).strip());
        }
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.set("properties", properties);

        Optional<String> mine = state.get(stateKey);
        if (mine.isPresent()) {
            api.patch(PATH + "/" + mine.get(), body);
            return new Upserted(mine.get(), true);
        }
        Optional<String> found = find(email, phone);
        if (found.isPresent()) {
            api.patch(PATH + "/" + found.get(), body);
            return new Upserted(found.get(), false);
        }
        return switch (api.create(PATH, body)) {
            case HubSpotApi.Created created -> {
                String id = created.object().path("id").asText("");
                if (id.isEmpty()) {
                    throw ActionFailure.retry("HubSpot created the contact but named no id");
                }
                state.put(stateKey, id);
                yield new Upserted(id, true);
            }
            case HubSpotApi.Conflict conflict -> {
                String id = Optional.ofNullable(conflict.existingId()).or(() -> find(email, phone))
                        .orElseThrow(() -> ActionFailure.retry("HubSpot says the contact exists (409) but the "
                                + "search does not find it yet"));
                api.patch(PATH + "/" + id, body);
                yield new Upserted(id, false);
            }
        };
    }

    /** The contact with this e-mail, else with this phone (phone or mobile phone). */
    Optional<String> find(String email, String phone) {
        if (email != null) {
            Optional<String> byEmail = search(filterGroups("email", email));
            if (byEmail.isPresent()) {
                return byEmail;
            }
        }
        return phone == null ? Optional.empty() : search(filterGroups("phone", phone, "mobilephone", phone));
    }

    private Optional<String> search(ArrayNode groups) {
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.set("filterGroups", groups);
        body.put("limit", 1);
        body.putArray("properties").add("email").add("phone");
        body.putArray("sorts").addObject().put("propertyName", "createdate").put("direction", "ASCENDING");
        JsonNode results = api.post(PATH + "/search", body).path("results");
        return results.isArray() && !results.isEmpty() && !results.get(0).path("id").asText("").isEmpty()
                ? Optional.of(results.get(0).path("id").asText()) : Optional.empty();
    }

    /** One filter group per property (groups are ORed), each {@code property EQ value}. */
    private static ArrayNode filterGroups(String... propertyValue) {
        ArrayNode groups = PluginJson.mapper().createArrayNode();
        for (int i = 0; i + 1 < propertyValue.length; i += 2) {
            groups.addObject().putArray("filters").addObject().put("propertyName", propertyValue[i])
                    .put("operator", "EQ").put("value", propertyValue[i + 1]);
        }
        return groups;
    }
}
