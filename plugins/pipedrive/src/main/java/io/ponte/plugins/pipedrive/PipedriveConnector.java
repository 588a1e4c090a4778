package io.ponte.plugins.pipedrive;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionTable;
import java.util.List;
import java.util.Optional;

/**
 * One Pipedrive company: the webhook receiver for its v2 events, the CRM actions ({@code contact.upsert},
 * {@code deal.create}, {@code deal.update}, {@code note.create}) and the follow-up {@value EventFetch#ACTION}, a
 * {@code GET /api/v1/users/me} health check, and a send rate under Pipedrive's burst limit. Holds no mutable state;
 * thread-safe.
 */
public final class PipedriveConnector implements Connector {

    /**
     * Pipedrive's burst limit is per token and 2-second window (from 20 requests on the lowest plan); an action makes
     * up to three calls, so five actions a second stays under it. 429s are retried anyway.
     */
    static final List<SendRate> SEND_RATES = List.of(SendRate.perSecond(5));

    private final PipedriveConfig config;
    private final String connectionId;
    private final PipedriveApi api;
    private final PipedriveWebhookReceiver receiver;
    private final ActionTable actions;

    /**
     * Opens a company connection.
     *
     * @param config  the connection's config
     * @param context the connection's context
     */
    public PipedriveConnector(PipedriveConfig config, ConnectorContext context) {
        this.config = config;
        this.connectionId = context.connectionId();
        this.api = new PipedriveApi(config, context);
        this.receiver = new PipedriveWebhookReceiver(config, context.metrics());
        Persons persons = new Persons(api, context.state());
        Deals deals = new Deals(api, persons, context.state());
        this.actions = ActionTable.builder()
                .on(ActionNames.CONTACT_UPSERT, persons::upsert)
                .on(ActionNames.DEAL_CREATE, deals::create)
                .on(ActionNames.DEAL_UPDATE, deals::update)
                .on(ActionNames.NOTE_CREATE, new Notes(api, context, persons)::create)
                .on(EventFetch.ACTION, new EventFetch(persons, context.emitter())::fetch)
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

    /** {@code GET /api/v1/users/me}: UP naming the company domain, DOWN with the reason when the call fails. */
    @Override
    public Health health() {
        return switch (api.call("GET", "/api/v1/users/me", null)) {
            case ActionResult.Delivered d -> Health.up(PipedriveErrors.TOKEN_ACCEPTED + " (" + config.companyDomain()
                    + ")");
            case ActionResult.Retry r -> Health.down(r.reason());
            case ActionResult.Failed f -> Health.down(f.reason());
        };
    }

    @Override
    public List<SendRate> sendRates() {
        return SEND_RATES;
    }

    @Override
    public String toString() {
        return "PipedriveConnector[" + connectionId + ", " + config.companyDomain() + "]";
    }
}
