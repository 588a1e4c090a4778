package io.ponte.plugins.salesforce;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.Poller;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.ActionTable;
import java.util.Optional;

/**
 * One Salesforce org: the CRM actions, a poller of changed contacts and opportunities, and a health check that
 * gets a token and reads the org's API limits. Thread-safe; holds no mutable state of its own (the session lives in
 * {@link SalesforceSession}).
 */
public final class SalesforceConnector implements Connector {

    private final SalesforceApi api;
    private final ActionTable actions;
    private final ChangesPoller poller;

    /**
     * Opens a connection; calls nothing yet (the first action or poll gets the token).
     *
     * @param config  the typed config
     * @param context the connection's context
     */
    public SalesforceConnector(SalesforceConfig config, ConnectorContext context) {
        this.api = new SalesforceApi(config, context);
        this.actions = new CrmActions(config, context, api).table();
        this.poller = new ChangesPoller(api, context.state(), config.pollInterval());
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    @Override
    public Optional<Poller> poller() {
        return Optional.of(poller);
    }

    /** Up when Salesforce issues a token and answers {@code /limits} with it; down with what to do otherwise. */
    @Override
    public Health health() {
        try {
            api.send("GET", "/limits", null);
            return Health.up("Salesforce answers");
        } catch (ActionFailure failure) {
            return Health.down(failure.getMessage());
        }
    }
}
