package io.ponte.plugins.salesforce;

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
 * The {@code salesforce} connector type: a Salesforce org through its REST API. Stateless; opens one
 * {@link SalesforceConnector} per connection.
 */
@Extension
public final class SalesforceConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "salesforce";

    private static final ConfigSpec CONFIG = ConfigSpec.of(SalesforceConfig.LOGIN_URL, SalesforceConfig.CLIENT_ID,
            SalesforceConfig.CLIENT_SECRET, SalesforceConfig.PRIVATE_KEY, SalesforceConfig.USERNAME,
            SalesforceConfig.API_VERSION, SalesforceConfig.POLL_INTERVAL_SECONDS);

    private static final JsonNode CONTACT_UPSERT = PluginJson.schema("""
            {"type":"object",
             "properties":{
               "name":{"type":"string","description":"Full name; the last word becomes LastName."},
               "email":{"type":"string","description":"Looked up first (Contact.Email)."},
               "phone":{"type":"string","description":"Looked up second, E.164-normalized (Contact.Phone)."},
               "properties":{"type":"object","description":"Further Contact fields by API name."}},
             "additionalProperties":false}
            """);
    private static final JsonNode DEAL_CREATE = PluginJson.schema("""
            {"type":"object","required":["title","contact"],
             "properties":{
               "title":{"type":"string","description":"Opportunity.Name."},
               "amount":{"type":["number","string"],"description":"Opportunity.Amount, e.g. 199.90."},
               "currency":{"type":"string","description":"CurrencyIsoCode (multi-currency orgs only)."},
               "stage":{"type":"string","description":"StageName; Prospecting when absent."},
               "closeDate":{"type":"string","description":"CloseDate (YYYY-MM-DD); 30 days from today when absent."},
               "contact":{"type":["string","object"],"description":"The Contact id, as contact.upsert answers, or {name, email, phone, properties}: found or created first, as contact.upsert does."},
               "properties":{"type":"object","description":"Further Opportunity fields by API name."}},
             "additionalProperties":false}
            """);
    private static final JsonNode DEAL_UPDATE = PluginJson.schema("""
            {"type":"object","required":["dealId"],
             "properties":{
               "dealId":{"type":"string","description":"The Opportunity id."},
               "stage":{"type":"string","description":"The new StageName."},
               "amount":{"type":["number","string"],"description":"The new Amount."},
               "properties":{"type":"object","description":"Further Opportunity fields by API name."}},
             "additionalProperties":false}
            """);
    private static final JsonNode NOTE_CREATE = PluginJson.schema("""
            {"type":"object","required":["text"],
             "properties":{
               "contact":{"type":"string","description":"The Contact id the note is on (when no deal is given)."},
               "deal":{"type":"string","description":"The Opportunity id the note is on."},
               "text":{"type":"string","description":"The note; its first line is the title."}},
             "additionalProperties":false}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.CRM,
            "Salesforce",
            "Upserts contacts, creates and moves opportunities and writes notes in a Salesforce org; emits "
                    + "contact.upserted and deal.updated for changes made there (polled).",
            CONFIG,
            List.of(EnvelopeTypes.CONTACT_UPSERTED, EnvelopeTypes.DEAL_UPDATED),
            List.of(new ActionSpec(ActionNames.CONTACT_UPSERT,
                            "Finds a Contact by e-mail, then phone; updates it or creates one. Answers {id, created}.",
                            CONTACT_UPSERT),
                    new ActionSpec(ActionNames.DEAL_CREATE,
                            "Creates an Opportunity with the contact as its primary contact role. Answers {id}.",
                            DEAL_CREATE),
                    new ActionSpec(ActionNames.DEAL_UPDATE, "Updates an Opportunity's stage, amount or fields.",
                            DEAL_UPDATE),
                    new ActionSpec(ActionNames.NOTE_CREATE, "Adds a Note to an Opportunity or a Contact.",
                            NOTE_CREATE)));

    /** For PF4J. */
    public SalesforceConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Opens a connection.
     *
     * @throws io.ponte.api.config.ConfigException when neither or both of clientSecret and privateKey are set, the
     *                                             key does not parse or the JWT bearer flow has no username
     */
    @Override
    public Connector open(ConnectorContext context) {
        return new SalesforceConnector(SalesforceConfig.from(context.config()), context);
    }
}
