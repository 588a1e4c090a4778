package io.ponte.plugins.instagram;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionTable;
import io.ponte.plugins.meta.GraphApi;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code instagram} connection: the webhook receiver, the {@code message.send} action, a health check against
 * the account, and the Send API's rates. Holds no mutable state; thread-safe.
 */
public final class InstagramConnector implements Connector {

    /** Each Graph request's timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
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
    private final GraphApi graph;
    private final InstagramWebhookReceiver receiver;
    private final ActionTable actions;

    /**
     * Opens a connection.
     *
     * @param config  the config
     * @param context the connection's context (HTTP client, clock, metrics, health reports)
     * @param timeout each Graph request's timeout
     */
    InstagramConnector(InstagramConfig config, ConnectorContext context, Duration timeout) {
        this.config = Objects.requireNonNull(config, "config");
        this.graph = new GraphApi(context, config.apiBaseUrl(), config.accessToken(), InstagramConnectorFactory.TYPE,
                timeout, InstagramErrors.SEND_API);
        this.receiver = new InstagramWebhookReceiver(config, context.metrics());
        this.actions = ActionTable.builder()
                .on(ActionNames.MESSAGE_SEND, new MessageSend(graph, config)::send)
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

    /** {@code GET /{igUserId}?fields=id,username} with the token: up with the username, down with Meta's reason. */
    @Override
    public Health health() {
        return graph.check(config.igUserId() + "?fields=id,username", "the account check", account -> {
            String username = account == null ? null : account.path("username").asText(null);
            return Health.up("Instagram account " + (username == null ? "" : "@" + username + " ")
                    + "(id " + config.igUserId() + ") answers at " + config.apiHost());
        });
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
