package io.ponte.plugins.http;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionTable;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code http} connection: a webhook receiver for inbound messages and the {@code message.send} action for
 * outbound ones. Holds no mutable state; thread-safe. {@link #invoke} never throws on purpose: an unknown action is
 * {@link ActionResult.Failed}.
 */
public final class HttpConnector implements Connector {

    private final HttpConfig config;
    private final HttpWebhookReceiver receiver;
    private final ActionTable actions;

    /**
     * Opens a connection.
     *
     * @param config  the typed config
     * @param context the connection's context (HTTP client, clock, health and metrics)
     */
    public HttpConnector(HttpConfig config, ConnectorContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.receiver = new HttpWebhookReceiver(config, context.clock(), context.metrics());
        this.actions = ActionTable.builder()
                .on(ActionNames.MESSAGE_SEND, new MessageSend(config, context)::send)
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

    /** Up either way; does not call the URL (a probe POST would look like a message to the receiver). */
    @Override
    public Health health() {
        return config.url() == null ? Health.up("inbound only") : Health.up("will post to " + config.host());
    }
}
