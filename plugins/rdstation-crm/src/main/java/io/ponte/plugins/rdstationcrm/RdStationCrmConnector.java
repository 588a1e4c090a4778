package io.ponte.plugins.rdstationcrm;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.ActionTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One RD Station CRM account: the deal webhook receiver, the actions {@code contact.upsert}, {@code deal.create},
 * {@code deal.update} and {@code note.create}, and a health check that lists the deal stages. Its mutable state lives
 * in the connection's state store; thread-safe.
 */
public final class RdStationCrmConnector implements Connector {

    /** RD Station CRM's documented request limit: 120 requests a minute per account. */
    private static final SendRate LIMIT = new SendRate(120, Duration.ofMinutes(1), SendRate.Scope.CONNECTION);

    private final RdStationCrmConfig config;
    private final String connectionId;
    private final RdStationApi api;
    private final DealWebhooks receiver;
    private final ActionTable actions;

    /**
     * Opens an account connection.
     *
     * @param config  the connection's config
     * @param context the connection's context
     */
    public RdStationCrmConnector(RdStationCrmConfig config, ConnectorContext context) {
        this.config = config;
        this.connectionId = context.connectionId();
        this.api = new RdStationApi(config, context);
        this.receiver = new DealWebhooks(config, context.state());
        Contacts contacts = new Contacts(api);
        Deals deals = new Deals(api, contacts, context.state());
        this.actions = ActionTable.builder()
                .on(ActionNames.CONTACT_UPSERT, contacts::upsert)
                .on(ActionNames.DEAL_CREATE, deals::create)
                .on(ActionNames.DEAL_UPDATE, deals::update)
                .on(ActionNames.NOTE_CREATE, new Notes(api, context.state())::create)
                .build();
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(receiver);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    @Override
    public List<SendRate> sendRates() {
        return List.of(LIMIT);
    }

    /** UP when RD Station CRM lists the deal stages with the token; DOWN with the reason otherwise. */
    @Override
    public Health health() {
        try {
            api.get("/deal_stages", Map.of());
            return Health.up("RD Station CRM accepts the API token");
        } catch (ActionFailure failure) {
            return switch (failure.result()) {
                case ActionResult.Retry r -> Health.down(r.reason());
                case ActionResult.Failed f -> Health.down(f.reason());
                case ActionResult.Delivered d -> Health.down("unexpected");
            };
        }
    }

    @Override
    public String toString() {
        return "RdStationCrmConnector[" + connectionId + ", " + config + "]";
    }
}
