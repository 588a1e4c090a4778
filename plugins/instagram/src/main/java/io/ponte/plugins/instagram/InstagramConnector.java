package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.message.MessageJson;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ProviderResponse;
import io.ponte.plugins.meta.GraphError;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code instagram} connection: the webhook receiver, the {@code message.send} action, a health check against
 * the account, and the Send API's rates. Holds no mutable state; thread-safe.
 */
public final class InstagramConnector implements Connector {

    /**
     * Meta documents 300 Send API calls a second per Instagram professional account for text, links, reactions and
     * stickers (10 a second for audio and video); earlier Instagram docs said 100. We declare the older, lower
     * figure for the connection.
     */
    static final SendRate ACCOUNT_RATE = SendRate.perSecond(100);
    /**
     * Meta throttles "too many messages to a single thread" without a number: one a second per contact is
     * conservative and still reads as a natural pace.
     */
    static final SendRate CONVERSATION_RATE = SendRate.perConversation(1, Duration.ofSeconds(1));

    private final InstagramConfig config;
    private final InstagramClient client;
    private final InstagramWebhookReceiver receiver;
    private final MessageSend messageSend;

    /**
     * Opens a connection.
     *
     * @param config  the validated config
     * @param context the connection's context (clock, metrics, health reports)
     * @param client  the Graph API client
     */
    public InstagramConnector(InstagramConfig config, ConnectorContext context, InstagramClient client) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.receiver = new InstagramWebhookReceiver(config, context.metrics());
        this.messageSend = new MessageSend(new SendOutcome(client, context, config.apiHost()));
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
        return ActionResult.failed("the instagram connector offers no action " + request.action() + "; it offers "
                + MessageSend.ACTION);
    }

    /** {@code GET /{igUserId}?fields=id,username} with the token: up with the username, down with Meta's reason. */
    @Override
    public Health health() {
        try {
            ProviderResponse response = client.account();
            if (response.successful()) {
                JsonNode account = MessageJson.mapper().readTree(response.body());
                String username = account == null ? null : account.path("username").asText(null);
                return Health.up("Instagram account " + (username == null ? "" : "@" + username + " ")
                        + "(id " + config.igUserId() + ") answers at " + config.apiHost());
            }
            GraphError error = GraphError.parse(response.status(), response.body());
            if (error.kind() == GraphError.Kind.AUTH || error.code() == 104) {
                return Health.down("Meta rejected the access token or its permissions; " + error.describe());
            }
            return Health.down("the account check failed; " + error.describe());
        } catch (HttpTimeoutException e) {
            return Health.down("the Graph API at " + config.apiHost() + " did not answer in time");
        } catch (IOException e) {
            return Health.down("cannot reach the Graph API at " + config.apiHost() + ": "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted while checking the Graph API");
        } catch (RuntimeException e) {
            return Health.down("the account check failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public List<SendRate> sendRates() {
        return List.of(ACCOUNT_RATE, CONVERSATION_RATE);
    }

    @Override
    public String toString() {
        return "InstagramConnector[igUserId=" + config.igUserId() + ", api=" + config.apiHost() + "]";
    }
}
