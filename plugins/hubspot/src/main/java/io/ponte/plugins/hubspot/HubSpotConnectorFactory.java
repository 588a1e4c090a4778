package io.ponte.plugins.hubspot;

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
 * The {@code hubspot} connector type: a HubSpot account through the CRM v3 API and its app webhooks. Stateless;
 * opens one {@link HubSpotConnector} per connection.
 */
@Extension
public final class HubSpotConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "hubspot";

    private static final ConfigSpec CONFIG = ConfigSpec.of(HubSpotConfig.ACCESS_TOKEN, HubSpotConfig.CLIENT_SECRET,
            HubSpotConfig.API_BASE_URL);

    private static final String PROPERTIES = """
            "properties":{"type":"object","description":"HubSpot property names to values (strings, numbers, booleans)."}""";
    private static final String NUMBER = "{\"type\":[\"number\",\"string\"],\"description\":\"%s\"}";

    private static final JsonNode CONTACT_SCHEMA = PluginJson.schema("""
            {"type":"object",
             "properties":{
               "name":{"type":"string","description":"Full name: the first word becomes firstname, the rest lastname."},
               "email":{"type":"string","description":"Searched first (email EQ)."},
               "phone":{"type":["string","integer"],"description":"Searched next (phone or mobilephone EQ), normalized: spaces, dashes, dots and parentheses dropped."},
               %s}}
            """.formatted(PROPERTIES));

    private static final JsonNode DEAL_CREATE_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["title","contact"],
             "properties":{
               "title":{"type":"string","description":"dealname."},
               "amount":%s,
               "currency":{"type":"string","description":"deal_currency_code (ISO 4217)."},
               "stage":{"type":"string","description":"dealstage; default appointmentscheduled."},
               "pipeline":{"type":"string","description":"pipeline; default default."},
               "contact":{"type":["string","integer","object"],"description":"The HubSpot contact id (contact.upsert's output id), or {email, phone, name}: upserted first."},
               %s}}
            """.formatted(NUMBER.formatted("In major units (199.90)."), PROPERTIES));

    private static final JsonNode DEAL_UPDATE_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["dealId"],
             "properties":{
               "dealId":{"type":["string","integer"]},
               "stage":{"type":"string","description":"dealstage."},
               "amount":%s,
               %s}}
            """.formatted(NUMBER.formatted("In major units."), PROPERTIES));

    private static final JsonNode NOTE_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["text"],
             "properties":{
               "contact":{"type":["string","integer"],"description":"A HubSpot contact id."},
               "deal":{"type":["string","integer"],"description":"A HubSpot deal id."},
               "text":{"type":"string","description":"hs_note_body (HTML allowed)."}}}
            """);

    private static final JsonNode FETCH_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["objectType","objectId"],
             "properties":{"objectType":{"enum":["contact","deal"]},"objectId":{"type":"string"}}}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.CRM, "HubSpot",
            "Creates and updates HubSpot contacts, deals and notes (CRM v3), and turns HubSpot's signed webhooks "
                    + "into contact.upserted and deal.updated.",
            CONFIG,
            List.of(WebhookReceiver.EVENT, EnvelopeTypes.CONTACT_UPSERTED, EnvelopeTypes.DEAL_UPDATED),
            List.of(new ActionSpec(ActionNames.CONTACT_UPSERT,
                            "Finds a contact by email, then phone, and updates it, or creates one.", CONTACT_SCHEMA),
                    new ActionSpec(ActionNames.DEAL_CREATE, "Creates a deal associated with a contact.",
                            DEAL_CREATE_SCHEMA),
                    new ActionSpec(ActionNames.DEAL_UPDATE, "Moves a deal along (stage, amount, properties).",
                            DEAL_UPDATE_SCHEMA),
                    new ActionSpec(ActionNames.NOTE_CREATE, "Writes a note on a contact, a deal or both.",
                            NOTE_SCHEMA),
                    new ActionSpec(ObjectFetch.ACTION, "Fetches a contact or deal a webhook named and emits "
                            + "contact.upserted or deal.updated (the webhooks' follow-up).", FETCH_SCHEMA)));

    /** For PF4J. */
    public HubSpotConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** @throws io.ponte.api.config.ConfigException when the base URL has a query, fragment or credentials */
    @Override
    public Connector open(ConnectorContext context) {
        return new HubSpotConnector(HubSpotConfig.from(context.config()), context);
    }
}
