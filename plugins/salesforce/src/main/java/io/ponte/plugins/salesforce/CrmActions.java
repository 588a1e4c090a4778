package io.ponte.plugins.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.ActionInputs;
import io.ponte.kit.ActionTable;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The four CRM actions on Salesforce's standard objects: {@code contact.upsert} (Contact, found by e-mail, then by
 * phone), {@code deal.create} (an Opportunity and its primary OpportunityContactRole in one composite request; its
 * {@code contact} a Contact id or {@code {name, email, phone}} upserted first),
 * {@code deal.update} (a PATCH of the Opportunity) and {@code note.create} (a classic Note on the opportunity or
 * the contact). Creations happen once per delivery ({@link Creations}). Thread-safe.
 */
final class CrmActions {

    /** The stage of a new opportunity when the input names none. */
    static final String DEFAULT_STAGE = "Prospecting";
    /** The close date of a new opportunity when the input names none: this many days from today. */
    static final int DEFAULT_CLOSE_DAYS = 30;
    private static final int NOTE_TITLE_MAX = 80;

    private final SalesforceConfig config;
    private final ConnectorContext context;
    private final SalesforceApi api;
    private final Creations creations;

    CrmActions(SalesforceConfig config, ConnectorContext context, SalesforceApi api) {
        this.config = config;
        this.context = context;
        this.api = api;
        this.creations = new Creations(context.state(), context.clock(), api);
    }

    /** The actions by name. */
    ActionTable table() {
        return ActionTable.builder()
                .on(ActionNames.CONTACT_UPSERT, this::upsertContact)
                .on(ActionNames.DEAL_CREATE, this::createDeal)
                .on(ActionNames.DEAL_UPDATE, this::updateDeal)
                .on(ActionNames.NOTE_CREATE, this::createNote)
                .build();
    }

    private ActionResult upsertContact(ActionRequest request) {
        Upserted u = upsert(request.input(), request.idempotencyKey());
        return contactOutput(u.id(), u.created());
    }

    private record Upserted(String id, boolean created) {
    }

    /** The Contact {@code input} describes ({@code name, email, phone, properties}): found and updated, or created. */
    private Upserted upsert(JsonNode input, String idempotencyKey) {
        String name = Inputs.text(input, "name");
        String email = Inputs.text(input, "email");
        String phone = Inputs.phone(Inputs.text(input, "phone"));
        if (name == null && email == null && phone == null) {
            throw ActionFailure.failed("contact.upsert needs at least one of name, email and phone");
        }
        ObjectNode fields = PluginJson.mapper().createObjectNode();
        if (name != null) {
            int space = name.lastIndexOf(' ');
            if (space > 0) {
                fields.put("FirstName", name.substring(0, space).strip());
            }
            fields.put("LastName", name.substring(space + 1));
        }
        if (email != null) {
            fields.put("Email", email);
        }
        if (phone != null) {
            fields.put("Phone", phone);
        }
        Inputs.properties(input, fields);
        String byEmail = email == null ? null : "SELECT Id FROM Contact WHERE Email = " + Soql.literal(email);
        String byPhone = phone == null ? null : "SELECT Id FROM Contact WHERE Phone = " + Soql.literal(phone);
        String existing = first(byEmail);
        if (existing == null) {
            existing = first(byPhone);
        }
        if (existing != null) {
            api.send("PATCH", "/sobjects/Contact/" + existing, fields);
            return new Upserted(existing, false);
        }
        if (!fields.has("LastName")) {
            // LastName is required on create; without a name the address stands in, as Salesforce's own
            // Web-to-Lead does with unnamed people.
            fields.put("LastName", email != null ? email.substring(0, Math.max(1, email.indexOf('@'))) : phone);
        }
        String lookup = byEmail != null ? byEmail : byPhone != null ? byPhone
                : "SELECT Id FROM Contact WHERE LastName = " + Soql.literal(fields.get("LastName").asText());
        String id = creations.once(idempotencyKey, lookup,
                () -> api.send("POST", "/sobjects/Contact", fields).path("id").asText());
        return new Upserted(id, true);
    }

    private static ActionResult contactOutput(String id, boolean created) {
        return new ActionResult.Delivered(id, PluginJson.mapper().createObjectNode().put("id", id)
                .put("created", created));
    }

    private String first(String soql) {
        if (soql == null) {
            return null;
        }
        JsonNode records = api.query(soql + " ORDER BY CreatedDate LIMIT 1");
        return records.size() == 0 ? null : records.get(0).path("Id").asText();
    }

    private ActionResult createDeal(ActionRequest request) {
        JsonNode input = request.input();
        String title = Inputs.required(input, "title");
        String contact = contact(input, request.idempotencyKey());
        ObjectNode deal = PluginJson.mapper().createObjectNode().put("Name", title);
        BigDecimal amount = Inputs.decimal(input, "amount");
        if (amount != null) {
            deal.put("Amount", amount);
        }
        String currency = Inputs.text(input, "currency");
        if (currency != null) {
            // Only multi-currency orgs have the field; a single-currency org refuses it (INVALID_FIELD).
            deal.put("CurrencyIsoCode", currency);
        }
        String stage = Inputs.text(input, "stage");
        deal.put("StageName", stage == null ? DEFAULT_STAGE : stage);
        String closeDate = Inputs.text(input, "closeDate");
        deal.put("CloseDate", closeDate != null ? closeDate
                : LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC).plusDays(DEFAULT_CLOSE_DAYS)
                        .toString());
        Inputs.properties(input, deal);
        String lookup = "SELECT Id FROM Opportunity WHERE Name = " + Soql.literal(title);
        String id = creations.once(request.idempotencyKey(), lookup, () -> compositeCreate(deal, contact));
        return new ActionResult.Delivered(id, PluginJson.mapper().createObjectNode().put("id", id));
    }

    /**
     * The Contact id {@code contact} names, or of the Contact it describes ({@code {name, email, phone}}: found or
     * created first, as {@code contact.upsert} does; its creation is kept apart from the deal's under the delivery).
     */
    private String contact(JsonNode input, String idempotencyKey) {
        JsonNode contact = ActionInputs.described(input, "contact", "a Contact id or an object {name, email, phone}");
        if (contact != null) {
            return upsert(contact, idempotencyKey + ":contact").id();
        }
        String id = Inputs.recordId(input, "contact");
        if (id == null) {
            throw ActionFailure.failed("contact is required: the Salesforce Contact id, as contact.upsert answers, "
                    + "or {name, email, phone} to find or create the Contact");
        }
        return id;
    }

    /** The Opportunity and its primary contact role, all or none, in one round trip. */
    private String compositeCreate(ObjectNode deal, String contact) {
        String base = "/services/data/" + config.apiVersion() + "/sobjects/";
        ObjectNode body = PluginJson.mapper().createObjectNode().put("allOrNone", true);
        ArrayNode requests = body.putArray("compositeRequest");
        requests.addObject().put("method", "POST").put("url", base + "Opportunity").put("referenceId", "deal")
                .set("body", deal);
        requests.addObject().put("method", "POST").put("url", base + "OpportunityContactRole")
                .put("referenceId", "role").set("body", PluginJson.mapper().createObjectNode()
                        .put("OpportunityId", "@{deal.id}").put("ContactId", contact).put("IsPrimary", true));
        JsonNode answers = api.send("POST", "/composite", body).path("compositeResponse");
        List<String> codes = new ArrayList<>();
        StringBuilder reasons = new StringBuilder();
        String id = null;
        for (JsonNode answer : answers) {
            if (answer.path("httpStatusCode").asInt() < 300) {
                if ("deal".equals(answer.path("referenceId").asText())) {
                    id = answer.path("body").path("id").asText(null);
                }
                continue;
            }
            List<String> these = new ArrayList<>();
            String said = SalesforceErrors.describe(answer.path("body"), these);
            if (!these.contains("PROCESSING_HALTED")) {
                codes.addAll(these);
                reasons.append(answer.path("referenceId").asText()).append(said).append(' ');
            }
        }
        if (reasons.isEmpty() && id != null) {
            return id;
        }
        String reason = "Salesforce refused the opportunity: " + (reasons.isEmpty() ? "no id in the answer"
                : reasons.toString().strip());
        throw codes.contains("UNABLE_TO_LOCK_ROW") || codes.contains("REQUEST_LIMIT_EXCEEDED")
                ? ActionFailure.retry(reason) : ActionFailure.failed(reason);
    }

    private ActionResult updateDeal(ActionRequest request) {
        JsonNode input = request.input();
        String id = Inputs.recordId(input, "dealId");
        if (id == null) {
            throw ActionFailure.failed("dealId is required: the Salesforce Opportunity id");
        }
        ObjectNode fields = PluginJson.mapper().createObjectNode();
        String stage = Inputs.text(input, "stage");
        if (stage != null) {
            fields.put("StageName", stage);
        }
        BigDecimal amount = Inputs.decimal(input, "amount");
        if (amount != null) {
            fields.put("Amount", amount);
        }
        Inputs.properties(input, fields);
        if (fields.isEmpty()) {
            throw ActionFailure.failed("deal.update needs stage, amount or properties");
        }
        api.send("PATCH", "/sobjects/Opportunity/" + id, fields);
        return new ActionResult.Delivered(id, PluginJson.mapper().createObjectNode().put("id", id));
    }

    private ActionResult createNote(ActionRequest request) {
        JsonNode input = request.input();
        String text = Inputs.required(input, "text");
        String deal = Inputs.recordId(input, "deal");
        String contact = Inputs.recordId(input, "contact");
        if (deal == null && contact == null) {
            throw ActionFailure.failed("note.create needs contact or deal (a Salesforce record id)");
        }
        String parent = deal != null ? deal : contact;
        String firstLine = text.lines().findFirst().orElse(text).strip();
        String title = firstLine.length() > NOTE_TITLE_MAX ? firstLine.substring(0, NOTE_TITLE_MAX - 1) + "…"
                : firstLine;
        ObjectNode note = PluginJson.mapper().createObjectNode().put("ParentId", parent).put("Title", title)
                .put("Body", text);
        String lookup = "SELECT Id FROM Note WHERE ParentId = " + Soql.literal(parent) + " AND Title = "
                + Soql.literal(title);
        String id = creations.once(request.idempotencyKey(), lookup,
                () -> api.send("POST", "/sobjects/Note", note).path("id").asText());
        return new ActionResult.Delivered(id, PluginJson.mapper().createObjectNode().put("id", id));
    }
}
