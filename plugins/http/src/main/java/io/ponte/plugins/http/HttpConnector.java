package io.ponte.plugins.http;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.webhook.WebhookReceiver;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code http} connection: a webhook receiver for inbound messages and the {@code message.send} action for
 * outbound ones. Holds no mutable state; thread-safe.
 */
public final class HttpConnector implements Connector {

    private final HttpConfig config;
    private final HttpWebhookReceiver receiver;
    private final MessageSend messageSend;

    /**
     * Opens a connection.
     *
     * @param config  the validated config
     * @param context the connection's context (clock and metrics)
     * @param sender  the outbound client
     */
    public HttpConnector(HttpConfig config, ConnectorContext context, WebhookSender sender) {
        this.config = Objects.requireNonNull(config, "config");
        this.receiver = new HttpWebhookReceiver(config, context.clock(), context.metrics());
        this.messageSend = new MessageSend(config, sender, context.clock(), context.metrics());
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(receiver);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        if (MessageSend.ACTION.equals(request.action())) {
            return messageSend.send(request);
        }
        return ActionResult.failed("the http connector offers no action " + request.action()
                + "; it offers " + MessageSend.ACTION);
    }

    /** Up either way; does not call the URL (a probe POST would look like a message to the receiver). */
    @Override
    public Health health() {
        return config.url() == null ? Health.up("inbound only") : Health.up("will post to " + config.host());
    }
}
