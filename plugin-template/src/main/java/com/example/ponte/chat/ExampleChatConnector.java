package com.example.ponte.chat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionTable;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * One {@code example-chat} connection: the webhook receiver, the actions and the health check. Every method may run
 * concurrently (virtual threads); this class holds no mutable state.
 */
public final class ExampleChatConnector implements Connector {

    private final ExampleChatConfig config;
    private final Provider api;
    private final ExampleChatWebhook webhook;
    private final ActionTable actions;

    /** Opens a connection. */
    public ExampleChatConnector(ExampleChatConfig config, ConnectorContext context) {
        this.config = config;
        // The kit bounds each call, caps the answer, turns timeouts and outages into Retry, honours Retry-After,
        // reports health and counts calls. The plugin keeps only Example Chat's own error words.
        this.api = Provider.builder(context, "Example Chat").timeout(config.timeout())
                .errors(ExampleChatErrors::classify).build();
        this.webhook = new ExampleChatWebhook(config.webhookSecret());
        this.actions = ActionTable.builder()
                .on(ActionNames.MESSAGE_SEND, new MessageSend(config, api)::send)
                .build();
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(webhook);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    /** Asks Example Chat who we are: up when the token is accepted, down when it is refused or nobody answers. */
    @Override
    public Health health() {
        try {
            ProviderResponse answer = api.exchange(api.request(config.baseUrl().resolve("/v1/me"))
                    .header("Authorization", "Bearer " + config.apiToken()).GET().build());
            if (answer.successful()) {
                return Health.up("Example Chat accepts the token");
            }
            return Health.down("Example Chat answered HTTP " + answer.status());
        } catch (IOException e) {
            return Health.down("Example Chat cannot be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted");
        }
    }

    @Override
    public String toString() {
        return "ExampleChatConnector[" + config + "]";
    }
}
