package io.ponte.plugins.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.message.MessageJson;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ProviderResponse;
import io.ponte.plugins.meta.GraphError;
import io.ponte.plugins.whatsapp.model.Json;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One WhatsApp Cloud API connection (one business phone number): the webhook receiver, the {@code message.send}
 * and {@code message.read} actions, inbound media download, a health check and the number's send rate. Holds no
 * state; thread-safe.
 */
public final class WhatsAppConnector implements Connector {

    private final WhatsAppConfig config;
    private final WhatsAppClient client;
    private final WhatsAppWebhookReceiver receiver;
    private final MessageSend messageSend;
    private final WhatsAppMediaFetcher media;

    /**
     * Opens a connection.
     *
     * @param config  the validated config
     * @param context the connection's context (clock, metrics, health reports)
     * @param client  the Graph API client
     */
    public WhatsAppConnector(WhatsAppConfig config, ConnectorContext context, WhatsAppClient client) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.receiver = new WhatsAppWebhookReceiver(config, context.metrics());
        this.messageSend = new MessageSend(client, context);
        this.media = new WhatsAppMediaFetcher(client, config, context);
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(receiver);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return switch (request.action()) {
            case MessageSend.SEND -> messageSend.send(request);
            case MessageSend.READ -> messageSend.read(request);
            default -> ActionResult.failed("the whatsapp-cloud connector offers no action " + request.action()
                    + "; it offers " + MessageSend.SEND + " and " + MessageSend.READ);
        };
    }

    /** {@code GET /{phoneNumberId}}: up with the number and its verified name, down with Meta's reason. */
    @Override
    public Health health() {
        try {
            ProviderResponse response = client.phoneNumber();
            if (response.status() == 200) {
                JsonNode json = MessageJson.mapper().readTree(response.body());
                String number = Json.text(json, "display_phone_number");
                String name = Json.text(json, "verified_name");
                return Health.up("WhatsApp number " + (number == null ? config.phoneNumberId() : number)
                        + (name == null ? "" : " (" + name + ")"));
            }
            GraphError error = GraphError.parse(response.status(), response.body());
            if (error.kind() == GraphError.Kind.AUTH) {
                return Health.down("access token rejected: " + error.describe());
            }
            return Health.down(error.describe());
        } catch (IOException e) {
            return Health.down("Graph API unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted while checking the Graph API");
        } catch (RuntimeException e) {
            return Health.down("health check failed: " + e.getClass().getSimpleName());
        }
    }

    /** Cloud API's throughput per number: maxMessagesPerSecond (80 by default, up to 1000 for upgraded numbers). */
    @Override
    public List<SendRate> sendRates() {
        return List.of(SendRate.perSecond(config.declaredMessagesPerSecond()));
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
