package io.ponte.plugins.hubspot;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.kit.ActionTable;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One HubSpot account: the webhook receiver, the CRM actions ({@code contact.upsert}, {@code deal.create},
 * {@code deal.update}, {@code note.create}) and the webhooks' follow-up {@value ObjectFetch#ACTION}, a health check
 * and a send rate. Holds no mutable state of its own (created ids live in {@code state()}); thread-safe.
 */
public final class HubSpotConnector implements Connector {

    /**
     * HubSpot's private apps may make 100 requests per 10 seconds (the lowest tier) and its search endpoints 5 per
     * second per account; a {@code contact.upsert} makes up to three calls (search, search, write).
     */
    static final List<SendRate> SEND_RATES = List.of(SendRate.perSecond(3));

    private final String connectionId;
    private final HubSpotApi api;
    private final WebhookReceiver receiver;
    private final ActionTable actions;

    /**
     * Opens an account's connection.
     *
     * @param config  the connection's config
     * @param context the connection's context
     */
    public HubSpotConnector(HubSpotConfig config, ConnectorContext context) {
        this.connectionId = context.connectionId();
        this.api = new HubSpotApi(config, context);
        this.receiver = new WebhookReceiver(config, context);
        Contacts contacts = new Contacts(api, context.state());
        Deals deals = new Deals(api, contacts, context.state(), context.clock());
        this.actions = ActionTable.builder()
                .on(ActionNames.CONTACT_UPSERT, contacts::upsert)
                .on(ActionNames.DEAL_CREATE, deals::create)
                .on(ActionNames.DEAL_UPDATE, deals::update)
                .on(ActionNames.NOTE_CREATE, deals::note)
                .on(ObjectFetch.ACTION, new ObjectFetch(api, context)::fetch)
                .build();
    }

    @Override
    public Optional<io.ponte.api.webhook.WebhookReceiver> webhook() {
        return Optional.of(receiver);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    /** Lists one contact: UP when HubSpot answers, DOWN with HubSpot's words (a refused token, say) otherwise. */
    @Override
    public Health health() {
        try {
            ProviderResponse answer = api.probe();
            if (answer.successful()) {
                return Health.up("HubSpot accepts the access token");
            }
            return Health.down(answer.status() == 401 || answer.status() == 403
                    ? HubSpotErrors.TOKEN_REFUSED + " (" + HubSpotApi.reason(answer) + ")" : HubSpotApi.reason(answer));
        } catch (IOException e) {
            return Health.down("HubSpot did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted");
        }
    }

    @Override
    public List<SendRate> sendRates() {
        return SEND_RATES;
    }

    @Override
    public String toString() {
        return "HubSpotConnector[" + connectionId + "]";
    }
}
