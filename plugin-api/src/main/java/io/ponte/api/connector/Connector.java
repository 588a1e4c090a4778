package io.ponte.api.connector;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.webhook.WebhookReceiver;
import java.util.List;
import java.util.Optional;

/**
 * The runtime instance of one connection (one WhatsApp number, one bot, one CRM account). Each capability is
 * optional; the defaults say "not offered".
 *
 * <p>Threading: every method may be called concurrently from many virtual threads. Blocking I/O is fine (the hub
 * calls from virtual threads and bounds each call with the connection's timeout).
 */
public interface Connector extends AutoCloseable {

    /** The webhook receiver, if this connection takes webhooks. */
    default Optional<WebhookReceiver> webhook() {
        return Optional.empty();
    }

    /**
     * Runs one action. The hub only calls actions the descriptor lists. The outcome is the one error channel: a
     * rejected input or a refused credential is {@link ActionResult.Failed}, a timeout or a rate limit
     * {@link ActionResult.Retry}. An exception out of here is a bug in the connector: the hub logs it at ERROR and
     * counts it as a {@link ActionResult.Retry}, so the delivery's attempt budget bounds it.
     *
     * @param request the invocation
     * @return the outcome; never null
     */
    default ActionResult invoke(ActionRequest request) {
        return new ActionResult.Failed("connector offers no action " + request.action());
    }

    /** The poller, if this connection pulls from a source without webhooks. */
    default Optional<Poller> poller() {
        return Optional.empty();
    }

    /**
     * Checks the connection against the provider (credentials valid, endpoint reachable). May call the provider.
     *
     * @return the health; never null
     */
    default Health health() {
        return Health.up("no health check");
    }

    /**
     * The provider's send limits, which the dispatcher enforces before each action of this connection (Telegram's
     * about 30 messages a second per bot and one a second per chat, say). Called once when the connection opens.
     *
     * @return the limits; empty (the default) for none
     * @since 1.1.0
     */
    default List<SendRate> sendRates() {
        return List.of();
    }

    /**
     * The media downloader, if the provider keeps inbound media behind ids.
     *
     * @since 1.1.0
     */
    default Optional<MediaFetcher> media() {
        return Optional.empty();
    }

    /** Releases resources. Called once; must not throw for an already-closed instance. */
    @Override
    default void close() {
    }
}
