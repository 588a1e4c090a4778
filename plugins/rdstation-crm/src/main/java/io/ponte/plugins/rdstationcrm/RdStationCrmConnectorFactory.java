package io.ponte.plugins.rdstationcrm;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.PluginJson;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code rdstation-crm} connector type: one RD Station CRM account through its API v1 and its deal webhooks.
 * Stateless; opens one {@link RdStationCrmConnector} per connection.
 */
@Extension
public final class RdStationCrmConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "rdstation-crm";

    private static final ConfigSpec CONFIG = ConfigSpec.of(RdStationCrmConfig.API_TOKEN,
            RdStationCrmConfig.API_BASE_URL, RdStationCrmConfig.WEBHOOK_TOKEN);

    private static final String CONTACT_FIELDS = """
            "name":{"type":"string"},
            "email":{"type":"string"},
            "phone":{"type":"string","description":"Compared without spaces, dashes and parentheses; a leading + kept."},
            "properties":{"type":"object","description":"RD Station contact fields by name (title, contact_custom_fields ...)."}""";

    private static final JsonNode CONTACT_SCHEMA = PluginJson.schema("""
            {"type":"object","properties":{%s}}""".formatted(CONTACT_FIELDS));

    private static final JsonNode DEAL_CREATE_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["title","contact"],
             "properties":{
               "title":{"type":"string"},
               "amount":{"type":["number","string"],"description":"In reais; \\"199.90\\" or 199.90."},
               "currency":{"type":"string","description":"BRL only (RD Station CRM's currency)."},
               "stage":{"type":"string","description":"A deal stage id, or a stage's name or nickname."},
               "contact":{"description":"A contact id (contact.upsert's output id), or a contact to upsert first.",
                 "oneOf":[{"type":"string"},{"type":"object","properties":{%s}}]},
               "properties":{"type":"object","description":"RD Station deal fields by name (rating, user_id ...)."}}}
            """.formatted(CONTACT_FIELDS));

    private static final JsonNode DEAL_UPDATE_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["dealId"],
             "properties":{
               "dealId":{"type":"string"},
               "stage":{"type":"string","description":"A deal stage id, or a stage's name or nickname."},
               "amount":{"type":["number","string"]},
               "properties":{"type":"object"}}}
            """);

    private static final JsonNode NOTE_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["text"],
             "properties":{
               "deal":{"type":"string","description":"The deal the note goes on."},
               "contact":{"type":"string","description":"Without deal: the note goes on this contact's latest deal."},
               "text":{"type":"string"}}}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.CRM,
            "RD Station CRM",
            "Upserts contacts, creates deals and moves them along, and writes notes on deals in an RD Station CRM "
                    + "account (API v1); receives its deal webhooks as deal.updated.",
            CONFIG,
            List.of(EnvelopeTypes.DEAL_UPDATED),
            List.of(new ActionSpec(ActionNames.CONTACT_UPSERT,
                            "Finds a contact by e-mail, then phone; updates it or creates it. Output {id, created}.",
                            CONTACT_SCHEMA),
                    new ActionSpec(ActionNames.DEAL_CREATE,
                            "Creates a deal linked to a contact (upserting the contact first when given as an "
                                    + "object), once per delivery. Output {id}.", DEAL_CREATE_SCHEMA),
                    new ActionSpec(ActionNames.DEAL_UPDATE, "Moves a deal to a stage, sets its amount or fields.",
                            DEAL_UPDATE_SCHEMA),
                    new ActionSpec(ActionNames.NOTE_CREATE,
                            "Writes a note on a deal (for a contact alone: on its latest deal).", NOTE_SCHEMA)));

    /** For PF4J. */
    public RdStationCrmConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** @throws io.ponte.api.config.ConfigException when the base URL has a query */
    @Override
    public Connector open(ConnectorContext context) {
        return new RdStationCrmConnector(RdStationCrmConfig.from(context.config()), context);
    }
}
