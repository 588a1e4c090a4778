package io.ponte.plugins.rdstationcrm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.util.Map;

/**
 * {@code note.create}: RD Station CRM keeps notes as activities on a deal ({@code POST /activities} with
 * {@code {"activity": {"deal_id", "text"}}}). A note for a contact alone goes on that contact's latest deal (the last
 * of its {@code deal_ids}, {@code GET /contacts/{id}}); a contact without deals is refused, naming why. The note's
 * id is kept as {@code note:<delivery id>} in the connection's state, so a retry after the answer came does not add
 * it twice. Thread-safe.
 */
final class Notes {

    private final RdStationApi api;
    private final KeyValueStore state;

    Notes(RdStationApi api, KeyValueStore state) {
        this.api = api;
        this.state = state;
    }

    /** The action. */
    ActionResult create(ActionRequest request) {
        JsonNode input = request.input();
        String text = Inputs.required(input, "text");
        String key = "note:" + request.idempotencyKey();
        String known = state.get(key).orElse(null);
        if (known != null) {
            return delivered(known);
        }
        String dealId = Inputs.text(input, "deal");
        String contactId = Inputs.text(input, "contact");
        if (dealId == null && contactId == null) {
            throw ActionFailure.failed("a note needs a \"deal\" or a \"contact\"");
        }
        if (dealId == null) {
            dealId = latestDeal(contactId);
        }
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.putObject("activity").put("deal_id", dealId).put("text", text);
        String id = Inputs.id(api.send("POST", "/activities", body));
        if (id == null) {
            throw ActionFailure.retry("RD Station CRM created a note without saying its id");
        }
        state.put(key, id);
        return delivered(id);
    }

    private String latestDeal(String contactId) {
        if (!contactId.matches("[0-9a-fA-F]{24}")) {
            throw ActionFailure.failed("\"contact\" must be an RD Station CRM contact id (24 hexadecimal characters)");
        }
        JsonNode deals = api.get("/contacts/" + contactId, Map.of()).path("deal_ids");
        if (!deals.isArray() || deals.isEmpty()) {
            throw ActionFailure.failed("RD Station CRM keeps notes on deals only, and contact " + contactId
                    + " has no deal: give \"deal\"");
        }
        return deals.get(deals.size() - 1).asText();
    }

    private static ActionResult delivered(String id) {
        return new ActionResult.Delivered(id, PluginJson.mapper().createObjectNode().put("id", id));
    }
}
