package io.ponte.plugins.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.api.connector.Poller;
import io.ponte.api.message.Contact;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contacts and opportunities changed in Salesforce, fetched by {@code SystemModstamp}: each poll asks, per object,
 * {@code WHERE SystemModstamp >= <cursor> ORDER BY SystemModstamp LIMIT 200} and emits {@code contact.upserted} and
 * {@code deal.updated} with externalId {@code <Id>:<SystemModstamp>} (a re-poll stores nothing twice, a new version
 * stores again). The cursor is one JSON object of the two objects' last stamps, kept by the hub after the envelopes
 * are stored. The first poll emits nothing: it starts both cursors at the newest stamp Salesforce holds (its own
 * clock, not ours). An opportunity's last seen stage is kept in the connection's state ({@code stage:<Id>}), so a
 * stage change carries {@code previousStage}, also when the same version is polled twice. Not reentrant (the hub
 * polls one connection at a time); a failed call throws and the hub polls again at the next interval.
 */
final class ChangesPoller implements Poller {

    static final int PAGE = 200;
    private static final String CONTACT = "Contact";
    private static final String OPPORTUNITY = "Opportunity";
    private static final Map<String, String> FIELDS = Map.of(
            CONTACT, "Id, Name, Email, Phone, SystemModstamp",
            OPPORTUNITY, "Id, Name, StageName, Amount, SystemModstamp, "
                    + "(SELECT ContactId FROM OpportunityContactRoles WHERE IsPrimary = true LIMIT 1)");

    private final SalesforceApi api;
    private final KeyValueStore state;
    private final Duration interval;

    ChangesPoller(SalesforceApi api, KeyValueStore state, Duration interval) {
        this.api = api;
        this.state = state;
        this.interval = interval;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Batch poll(Optional<String> cursor) {
        try {
            Map<String, String> stamps = read(cursor);
            List<EnvelopeDraft> drafts = new ArrayList<>();
            for (String object : List.of(CONTACT, OPPORTUNITY)) {
                String since = stamps.get(object);
                if (since == null) {
                    JsonNode newest = api.query("SELECT SystemModstamp FROM " + object
                            + " ORDER BY SystemModstamp DESC LIMIT 1");
                    stamps.put(object, newest.size() == 0 ? Soql.dateTime(Instant.EPOCH)
                            : Soql.dateTime(Soql.instant(newest.get(0).path("SystemModstamp").asText())));
                    continue;
                }
                JsonNode records = api.query("SELECT " + FIELDS.get(object) + " FROM " + object
                        + " WHERE SystemModstamp >= " + since + " ORDER BY SystemModstamp LIMIT " + PAGE);
                for (JsonNode record : records) {
                    drafts.add(object.equals(CONTACT) ? contact(record) : deal(record));
                }
                stamps.put(object, next(records, since));
            }
            return new Batch(drafts, PluginJson.mapper().valueToTree(stamps).toString());
        } catch (ActionFailure failure) {
            throw new IllegalStateException("polling Salesforce failed: " + failure.getMessage());
        }
    }

    /**
     * The cursor after a page: the second of its last stamp. SOQL's dateTime literals are whole seconds, so the
     * query asks {@code >=} that second and the records of it come again (the hub drops them by externalId) rather
     * than a later change within the same second being missed. Only a full page of one single second moves past it.
     */
    private static String next(JsonNode records, String since) {
        if (records.size() == 0) {
            return since;
        }
        String last = Soql.dateTime(Soql.instant(records.get(records.size() - 1).path("SystemModstamp").asText()));
        String first = Soql.dateTime(Soql.instant(records.get(0).path("SystemModstamp").asText()));
        return records.size() >= PAGE && first.equals(last)
                ? Soql.dateTime(Instant.parse(last).plusSeconds(1)) : last;
    }

    private static EnvelopeDraft contact(JsonNode record) {
        String id = record.path("Id").asText();
        Contact contact = new Contact(id, record.path("Name").asText(null), record.path("Email").asText(null),
                record.path("Phone").asText(null), Map.of());
        return EnvelopeDraft.builder(EnvelopeTypes.CONTACT_UPSERTED, contact)
                .externalId(id + ":" + record.path("SystemModstamp").asText())
                .occurredAt(Soql.instant(record.path("SystemModstamp").asText()))
                .build();
    }

    private EnvelopeDraft deal(JsonNode record) {
        String id = record.path("Id").asText();
        String stamp = record.path("SystemModstamp").asText();
        String stage = record.path("StageName").asText(null);
        ObjectNode payload = PluginJson.mapper().createObjectNode().put("dealId", id)
                .put("title", record.path("Name").asText(null)).put("stage", stage);
        JsonNode amount = record.get("Amount");
        payload.set("amount", amount == null || amount.isNull() ? null : amount);
        payload.putNull("currency");
        JsonNode roles = record.path("OpportunityContactRoles").path("records");
        payload.put("contactId", roles.size() == 0 ? null : roles.get(0).path("ContactId").asText(null));
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(EnvelopeTypes.DEAL_UPDATED, new GenericPayload(payload))
                .externalId(id + ":" + stamp).occurredAt(Soql.instant(stamp));
        String previous = previousStage(id, stamp, stage);
        if (previous != null && !previous.equals(stage)) {
            draft.attribute("previousStage", previous);
        }
        return draft.build();
    }

    /** The stage before this version, remembered per opportunity; the same version polled again gives the same. */
    private String previousStage(String id, String stamp, String stage) {
        String key = "stage:" + id;
        JsonNode seen = state.get(key).map(ChangesPoller::json).orElse(null);
        if (seen != null && stamp.equals(seen.path("stamp").asText())) {
            return seen.path("previous").asText(null);
        }
        String previous = seen == null ? null : seen.path("stage").asText(null);
        ObjectNode now = PluginJson.mapper().createObjectNode().put("stamp", stamp).put("stage", stage)
                .put("previous", previous);
        state.put(key, now.toString());
        return previous;
    }

    private static Map<String, String> read(Optional<String> cursor) {
        Map<String, String> stamps = new LinkedHashMap<>();
        cursor.map(ChangesPoller::json).ifPresent(json -> json.properties()
                .forEach(e -> stamps.put(e.getKey(), Soql.dateTime(Instant.parse(e.getValue().asText())))));
        return stamps;
    }

    private static JsonNode json(String text) {
        try {
            return PluginJson.mapper().readTree(text);
        } catch (IOException e) {
            return PluginJson.mapper().createObjectNode();
        }
    }
}
