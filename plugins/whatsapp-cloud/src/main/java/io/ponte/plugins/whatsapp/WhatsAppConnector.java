package io.ponte.plugins.whatsapp;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionTable;
import io.ponte.plugins.meta.GraphApi;
import io.ponte.plugins.whatsapp.model.Json;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One WhatsApp Cloud API connection (one business phone number): the webhook receiver, the {@code message.send}
 * and {@code message.read} actions, inbound media download, a health check and the number's send rate. Holds no
 * state; thread-safe.
 */
public final class WhatsAppConnector implements Connector {

    /** Each Graph request's timeout: sends answer in well under a second, a media lookup may take longer. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WhatsAppConfig config;
    private final GraphApi graph;
    private final WhatsAppWebhookReceiver receiver;
    private final ActionTable actions;
    private final WhatsAppMediaFetcher media;

    /**
     * Opens a connection.
     *
     * @param config  the config
     * @param context the connection's context (HTTP client, clock, metrics, health reports)
     * @param timeout each Graph request's timeout
     */
    WhatsAppConnector(WhatsAppConfig config, ConnectorContext context, Duration timeout) {
        this.config = Objects.requireNonNull(config, "config");
        this.graph = new GraphApi(context, config.apiBaseUrl(), config.accessToken(), WhatsAppConnectorFactory.TYPE,
                timeout, WhatsAppErrors.MESSAGES);
        this.receiver = new WhatsAppWebhookReceiver(config, context.metrics());
        MessageSend messages = new MessageSend(graph, config);
        this.actions = ActionTable.builder()
                .on(ActionNames.MESSAGE_SEND, messages::send)
                .on(ActionNames.MESSAGE_READ, messages::read)
                .build();
        this.media = new WhatsAppMediaFetcher(graph, config, context);
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(receiver);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    /** {@code GET /{phoneNumberId}}: up with the number and its verified name, down with Meta's reason. */
    @Override
    public Health health() {
        return graph.check(config.phoneNumberId() + "?fields=display_phone_number,verified_name",
                "the phone number check", json -> {
                    String number = Json.text(json, "display_phone_number");
                    String name = Json.text(json, "verified_name");
                    return Health.up("WhatsApp number " + (number == null ? config.phoneNumberId() : number)
                            + (name == null ? "" : " (" + name + ")"));
                });
    }

    /** Cloud API's throughput per number: maxMessagesPerSecond (80 by default, up to 1000 for upgraded numbers). */
    @Override
    public List<SendRate> sendRates() {
        return List.of(SendRate.perSecond(config.maxMessagesPerSecond()));
    }

    @Override
    public Optional<MediaFetcher> media() {
        return Optional.of(media);
    }

    @Override
    public String toString() {
        return "WhatsAppConnector[" + config + "]";
    }
}
