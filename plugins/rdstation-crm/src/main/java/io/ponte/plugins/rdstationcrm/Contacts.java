package io.ponte.plugins.rdstationcrm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code contact.upsert}: finds the contact by e-mail ({@code GET /contacts?email=}), then by phone
 * ({@code GET /contacts?phone=}), checking that the contact found really holds that address; updates it
 * ({@code PUT /contacts/{id}}, its e-mails and phones kept and the new ones added) or creates it
 * ({@code POST /contacts}). Search before create makes a retried delivery find what an earlier attempt created, so
 * retries never make a second contact. Stateless; thread-safe.
 */
final class Contacts {

    private final RdStationApi api;

    Contacts(RdStationApi api) {
        this.api = api;
    }

    /** The action. */
    ActionResult upsert(ActionRequest request) {
        Upserted done = upsert(request.input());
        ObjectNode output = PluginJson.mapper().createObjectNode().put("id", done.id()).put("created", done.created());
        return new ActionResult.Delivered(done.id(), output);
    }

    /** A contact's id and whether this call created it. */
    record Upserted(String id, boolean created) {
    }

    /**
     * Upserts {@code {name?, email?, phone?, properties?}}.
     *
     * @throws ActionFailure when the input has neither e-mail nor phone, or a call did not work
     */
    Upserted upsert(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw ActionFailure.failed("a contact is an object {name?, email?, phone?, properties?}");
        }
        String name = Inputs.text(input, "name");
        String email = Inputs.text(input, "email");
        String phone = Inputs.phone(Inputs.text(input, "phone"));
        JsonNode properties = Inputs.properties(input);
        if (email == null && phone == null) {
            throw ActionFailure.failed("a contact needs an \"email\" or a \"phone\" to be found again");
        }
        JsonNode found = email != null ? find("email", email) : null;
        if (found == null && phone != null) {
            found = find("phone", phone);
        }
        if (found != null) {
            String id = Inputs.id(found);
            api.send("PUT", "/contacts/" + id, wrap(contact(found, name, email, phone, properties)));
            return new Upserted(id, false);
        }
        if (name == null) {
            name = email != null ? email : phone;
        }
        JsonNode created = api.send("POST", "/contacts", wrap(contact(null, name, email, phone, properties)));
        String id = Inputs.id(created);
        if (id == null) {
            throw ActionFailure.retry("RD Station CRM created a contact without saying its id");
        }
        return new Upserted(id, true);
    }

    private JsonNode find(String by, String value) {
        JsonNode answer = api.get("/contacts", Map.of(by, value));
        for (JsonNode contact : Inputs.items(answer, "contacts")) {
            if (Inputs.id(contact) != null && holds(contact, by, value)) {
                return contact;
            }
        }
        return null;
    }

    /** Whether the contact lists the address: RD Station's list filters are not trusted to be exact. */
    private static boolean holds(JsonNode contact, String by, String value) {
        String list = by.equals("email") ? "emails" : "phones";
        for (JsonNode entry : contact.path(list)) {
            String v = entry.path(by).asText("");
            if (by.equals("email") ? v.equalsIgnoreCase(value) : same(Inputs.phone(v), value)) {
                return true;
            }
        }
        return false;
    }

    /** The same number, with or without the country code's {@code +}. */
    private static boolean same(String stored, String wanted) {
        if (stored == null) {
            return false;
        }
        String a = stored.replace("+", "");
        String b = wanted.replace("+", "");
        return a.equals(b) || Math.min(a.length(), b.length()) >= 8 && (a.endsWith(b) || b.endsWith(a));
    }

    private static ObjectNode wrap(ObjectNode contact) {
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.set("contact", contact);
        return body;
    }

    private static ObjectNode contact(JsonNode existing, String name, String email, String phone,
                                      JsonNode properties) {
        ObjectNode c = PluginJson.mapper().createObjectNode();
        if (properties != null) {
            c.setAll((ObjectNode) properties.deepCopy());
        }
        if (name != null) {
            c.put("name", name);
        }
        c.set("emails", merged(existing, "emails", "email", email));
        c.set("phones", merged(existing, "phones", "phone", phone));
        return c;
    }

    private static ArrayNode merged(JsonNode existing, String list, String field, String added) {
        Set<String> values = new LinkedHashSet<>();
        if (existing != null) {
            existing.path(list).forEach(e -> {
                if (!e.path(field).asText("").isBlank()) {
                    values.add(e.path(field).asText());
                }
            });
        }
        if (added != null && values.stream().noneMatch(v -> field.equals("email") ? v.equalsIgnoreCase(added)
                : same(Inputs.phone(v), added))) {
            values.add(added);
        }
        ArrayNode out = PluginJson.mapper().createArrayNode();
        values.forEach(v -> out.addObject().put(field, v));
        return out;
    }
}
