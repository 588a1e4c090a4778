package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.PluginJson;
import io.ponte.kit.WebhookSecret;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code pipedrive} connector type: one Pipedrive company through API v2 (v1 for notes) and webhooks v2.
 * Stateless; opens one {@link PipedriveConnector} per connection.
 */
@Extension
public final class PipedriveConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "pipedrive";

    private static final ConfigSpec CONFIG = ConfigSpec.of(PipedriveConfig.API_TOKEN, PipedriveConfig.COMPANY_DOMAIN,
            PipedriveConfig.WEBHOOK_USER, PipedriveConfig.WEBHOOK_PASSWORD, PipedriveConfig.API_BASE_URL,
            PipedriveConfig.TIMEOUT_SECONDS);

    private static final String ID = "{\"type\":[\"string\",\"integer\"],\"pattern\":\"^[1-9][0-9]*$\",\"minimum\":1";

    private static final JsonNode UPSERT_SCHEMA = PluginJson.schema("""
            {"type":"object",
             "properties":{
               "name":{"type":"string"},
               "email":{"type":"string","description":"Searched first (exact match)."},
               "phone":{"type":"string","description":"Searched second, after dropping spaces, dashes and parentheses."},
               "properties":{"type":"object","description":"Pipedrive person fields; 40-hex custom field keys go under custom_fields."}}}
            """);

    private static final JsonNode DEAL_CREATE_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["title","contact"],
             "properties":{
               "title":{"type":"string"},
               "amount":{"type":["number","string"],"description":"Major units (199.90); sent as value."},
               "currency":{"type":"string","description":"ISO 4217, e.g. EUR."},
               "stage":{"type":["string","integer"],"description":"A stage id, or a stage name looked up in GET /api/v2/stages."},
               "contact":{"type":["string","integer","object"],"description":"The person id, as contact.upsert answers it, or {name, email, phone, properties}: found or created first, as contact.upsert does."},
               "properties":{"type":"object","description":"Pipedrive deal fields."}}}
            """);

    private static final JsonNode DEAL_UPDATE_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["dealId"],
             "properties":{
               "dealId":%s},
               "stage":{"type":["string","integer"],"description":"A stage id or name."},
               "amount":{"type":["number","string"]},
               "currency":{"type":"string"},
               "properties":{"type":"object","description":"Pipedrive deal fields (status: won, lost, open ...)."}}}
            """.formatted(ID));

    private static final JsonNode NOTE_SCHEMA = PluginJson.schema("""
            {"type":"object",
             "properties":{
               "contact":%1$s,"description":"The person id."},
               "deal":%1$s,"description":"The deal id."},
               "text":{"type":"string","description":"The note's text (shown as HTML, escaped)."},
               "conversation":{"type":"string","description":"A conversation key (<connection id>:<address>, {{conversation}} in a route): its transcript joins the note; without contact and deal the note goes on the person whose phone is the address."}}}
            """.formatted(ID));

    private static final JsonNode FETCH_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["entity","personId"],
             "properties":{
               "entity":{"enum":["person","deal"]},
               "personId":%s},
               "event":{"type":"object"}}}
            """.formatted(ID));

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.CRM,
            "Pipedrive",
            "Finds, creates and updates Pipedrive persons and deals and writes notes (a conversation's transcript "
                    + "among them); receives webhooks v2 (HTTP Basic auth) as contact.upserted and deal.updated.",
            CONFIG,
            List.of(EnvelopeTypes.CONTACT_UPSERTED, EnvelopeTypes.DEAL_UPDATED, WebhookEvents.NOTICE),
            List.of(new ActionSpec(ActionNames.CONTACT_UPSERT, "Finds a person by e-mail, then phone, and updates "
                            + "it, or creates one.", UPSERT_SCHEMA),
                    new ActionSpec(ActionNames.DEAL_CREATE, "Creates a deal linked to a person.", DEAL_CREATE_SCHEMA),
                    new ActionSpec(ActionNames.DEAL_UPDATE, "Moves a deal to a stage, changes its value or fields.",
                            DEAL_UPDATE_SCHEMA),
                    new ActionSpec(ActionNames.NOTE_CREATE, "Writes a note on a person or a deal, with a "
                            + "conversation's transcript if asked.", NOTE_SCHEMA),
                    new ActionSpec(EventFetch.ACTION, "The follow-up of a stored webhook event: fetches the person "
                            + "it needs and emits contact.upserted or deal.updated.", FETCH_SCHEMA)));

    /** For PF4J. */
    public PipedriveConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Refuses a {@code webhookPassword} shorter than {@value WebhookSecret#MIN_LENGTH} characters on save only: it
     * alone authenticates webhooks, and a connection saved with a shorter one before this rule keeps running.
     */
    @Override
    public List<ConfigError> validate(ConnectorContext context) {
        return WebhookSecret.check(PipedriveConfig.WEBHOOK_PASSWORD.name(),
                context.config().string(PipedriveConfig.WEBHOOK_PASSWORD)).stream().toList();
    }

    /** @throws io.ponte.api.config.ConfigException when the base URL has a query, a fragment or credentials */
    @Override
    public Connector open(ConnectorContext context) {
        return new PipedriveConnector(PipedriveConfig.from(context.config()), context);
    }
}
