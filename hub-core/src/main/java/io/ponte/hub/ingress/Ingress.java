package io.ponte.hub.ingress;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.hub.connections.ConnectionRef;
import io.ponte.hub.connections.LiveConnections;
import io.ponte.hub.connections.EnvelopeSink;
import io.ponte.hub.connections.LiveConnection;
import io.ponte.hub.contacts.ContactDirectory;
import io.ponte.hub.conversations.ConversationLog;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.observability.HubMetrics;
import io.ponte.hub.plugins.PluginGuard;
import io.ponte.hub.routing.Router;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryState;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.EventStore.NewEvent;
import io.ponte.hub.storage.EventStore;
import io.ponte.hub.storage.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way in: verifies and parses a webhook through the connection's receiver, routes each envelope, and commits
 * events and deliveries through the {@link Inbox} before answering. Also the sink for envelopes connectors emit.
 */
public final class Ingress implements EnvelopeSink {

    private static final Logger LOG = LoggerFactory.getLogger(Ingress.class);
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);
    private static final long COMMIT_TIMEOUT_MS = 15_000;

    private final LiveConnections connections;
    private final Router router;
    private final ConversationLog conversations;
    private final Inbox inbox;
    private final EventStore events;
    private final Clock clock;
    private final HubMetrics metrics;
    private final ContactDirectory contacts;

    public Ingress(LiveConnections connections, Router router, ConversationLog conversations, Inbox inbox,
                   EventStore events, Clock clock, HubMetrics metrics, ContactDirectory contacts) {
        this.contacts = contacts;
        this.connections = connections;
        this.router = router;
        this.conversations = conversations;
        this.inbox = inbox;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Waits (up to the commit timeout) until every webhook answered so far is in the tables: the admin API calls
     * this before each request, so a read after a webhook's answer sees what it stored.
     */
    public void awaitStored() {
        if (!inbox.awaitStored(COMMIT_TIMEOUT_MS)) {
            LOG.debug("reading before every answered request is committed (the writer is behind)");
        }
    }

    /** Whether the inbox stores what it takes: false while its writer retries a commit the database refused. */
    public boolean storing() {
        return inbox.running() && !inbox.retrying();
    }

    /** A GET: the provider's subscription handshake. */
    public WebhookResponse handshake(String connectionId, WebhookRequest request) {
        LiveConnection conn = open(connectionId);
        WebhookReceiver receiver = receiver(conn);
        try {
            return PluginGuard.call(conn.classLoader(), conn.mdc(), RECEIVE_TIMEOUT, () -> receiver.handshake(request));
        } catch (WebhookRejectedException e) {
            metrics.webhook(connectionId, "rejected");
            if (e.status() == 401) {
                metrics.signatureFailure(connectionId);
            }
            throw e;
        } catch (RuntimeException e) {
            metrics.webhook(connectionId, "error");
            throw new ConnectorFailedException("the connector failed on the handshake", e);
        }
    }

    /**
     * A POST: verify, parse, route, store; the response once everything is durable.
     *
     * @param admitted runs once the connection's receiver accepted the request (authentic and parsed), before
     *                 anything is stored: the per-connection rate limit, which forged requests must not spend
     */
    public WebhookResponse receive(String connectionId, WebhookRequest request, Runnable admitted) {
        LiveConnection conn = open(connectionId);
        WebhookReceiver receiver = receiver(conn);
        WebhookResult result;
        try {
            result = PluginGuard.call(conn.classLoader(), conn.mdc(), RECEIVE_TIMEOUT, () -> receiver.receive(request));
        } catch (WebhookRejectedException e) {
            metrics.webhook(connectionId, "rejected");
            if (e.status() == 401) {
                metrics.signatureFailure(connectionId);
            }
            throw e;
        } catch (RuntimeException e) {
            metrics.webhook(connectionId, "error");
            throw new ConnectorFailedException("the connector failed to read the request", e);
        }
        if (result == null) {
            metrics.webhook(connectionId, "error");
            throw new ConnectorFailedException("the connector returned nothing", null);
        }
        admitted.run();
        boolean[] inserted;
        try {
            int hops = hopsHeader(request);
            EnvelopeFactory.check(result.envelopes()); // before anything reads them (the links are looked up by id)
            inserted = await(store(conn.ref(), result.envelopes(), d -> hops).ids());
        } catch (RuntimeException e) {
            metrics.webhook(connectionId, e instanceof ValidationException ? "rejected" : "unavailable");
            throw e;
        }
        int fresh = 0;
        for (boolean b : inserted) {
            fresh += b ? 1 : 0;
        }
        metrics.webhook(connectionId, inserted.length > 0 && fresh == 0 ? "duplicate" : "accepted");
        return answer(conn, result, fresh, inserted.length - fresh);
    }

    /** The receiver's answer now that it is known how many envelopes were new; its first answer if that fails. */
    private static WebhookResponse answer(LiveConnection conn, WebhookResult result, int stored, int duplicates) {
        if (result.answer() == null) {
            return result.response();
        }
        try {
            return PluginGuard.call(conn.classLoader(), conn.mdc(), RECEIVE_TIMEOUT,
                    () -> result.response(stored, duplicates));
        } catch (RuntimeException e) {
            // stored is stored: a 500 would only make the provider send it again
            LOG.warn("the {} connector failed to answer a stored webhook: {}", conn.ref().connectorType(),
                    e.toString());
            return result.response();
        }
    }

    @Override
    public CompletionStage<List<String>> accept(ConnectionRef source, List<EnvelopeDraft> drafts) {
        Stored stored;
        try {
            EnvelopeFactory.check(drafts); // before anything reads them (the causes are looked up by id)
            stored = store(source, drafts, causeHops(drafts));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stored.ids().thenApply(inserted -> {
            List<String> ids = new ArrayList<>(inserted.length);
            for (int i = 0; i < inserted.length; i++) {
                ids.add(inserted[i] ? stored.events().get(i).event().id() : null);
            }
            return ids;
        });
    }

    private record Stored(List<NewEvent> events, CompletableFuture<boolean[]> ids) {
    }

    /** The hops a webhook's request says came before it ({@value Envelope#HOPS_HEADER}); 0 without a sane value. */
    private static int hopsHeader(WebhookRequest request) {
        return request.header(Envelope.HOPS_HEADER).map(String::strip).filter(v -> v.matches("\\d{1,6}"))
                .map(Integer::parseInt).orElse(0);
    }

    /** For envelopes a connector emits: one more hop than the envelope that caused each (one read for all). */
    private Function<EnvelopeDraft, Integer> causeHops(List<EnvelopeDraft> drafts) {
        List<String> causes = drafts.stream().map(EnvelopeDraft::causationId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        if (causes.isEmpty()) {
            return d -> 0;
        }
        Map<String, Integer> hops = events.hops(causes);
        return d -> d.causationId() == null ? 0 : hops.getOrDefault(d.causationId(), -1) + 1;
    }

    private Optional<String> tenantOf(String connectionId) {
        return connections.tenantOf(connectionId);
    }

    private Stored store(ConnectionRef source, List<EnvelopeDraft> drafts, Function<EnvelopeDraft, Integer> hops) {
        long now = clock.millis();
        connections.live(source.id()).ifPresent(live -> drafts.forEach(d -> FollowUps.check(live, d.followUp())));
        List<NewEvent> events = new ArrayList<>(drafts.size());
        for (EnvelopeDraft draft : conversations.link(source, drafts)) {
            Envelope envelope = EnvelopeFactory.create(source, draft, now, hops.apply(draft), this::tenantOf);
            Router.Routing routing = router.route(envelope, contacts.contactOf(envelope));
            List<DeliveryRow> deliveries = new ArrayList<>(routing.plans().size());
            for (Router.Plan plan : routing.plans()) {
                boolean loop = routing.hopLimitReached();
                deliveries.add(new DeliveryRow(Ids.next("dlv"), envelope.tenant(), envelope.id(), plan.routeId(),
                        plan.target(), plan.action(), plan.input(), plan.orderingKey(),
                        loop ? DeliveryState.DEAD : DeliveryState.PENDING, 0, now, null, loop ? routing.error() : null,
                        null, now, now, null));
            }
            FollowUps.delivery(source, envelope, draft.followUp(), now).ifPresent(deliveries::add);
            if (routing.hopLimitReached()) {
                metrics.hopLimitReached(source.id());
            } else if (routing.error() != null) {
                metrics.routingError();
            }
            events.add(new NewEvent(new EventRow(envelope.id(), envelope.tenant(), source.id(), envelope.type(),
                    envelope.externalId(), Objects.toString(envelope.conversation(), null), envelope.correlationId(), envelope.causationId(),
                    envelope.occurredAt().toEpochMilli(), now, json(envelope), deliveries.size(), routing.error()),
                    deliveries, conversations.writes(envelope, routing.hopLimitReached() ? List.of() : deliveries,
                    now)));
        }
        CompletableFuture<boolean[]> ids = inbox.append(events).thenApply(inserted -> {
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i]) {
                    metrics.eventStored(events.get(i).deliveries().size());
                }
            }
            return inserted;
        });
        return new Stored(events, ids);
    }

    private static boolean[] await(CompletableFuture<boolean[]> future) {
        try {
            return future.get(COMMIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while storing the request; retry");
        } catch (TimeoutException e) {
            throw new UnavailableException("storage is too slow right now; retry");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ValidationException refused) {
                throw refused;
            }
            throw new UnavailableException("storage is unavailable; retry later");
        }
    }

    /**
     * The open connection behind a webhook URL; else {@link NoWebhookException}, whatever the reason (unknown,
     * disabled, its plugin stopped, failed to open). Operators see the reason on the connection in the admin API and
     * in {@code ponte_webhooks_total{outcome}}.
     */
    private LiveConnection open(String connectionId) {
        return connections.live(connectionId).orElseThrow(() -> {
            if (connections.exists(connectionId)) {
                metrics.webhook(connectionId, "unavailable");
                LOG.debug("webhook refused: connection {} is not open: {}", connectionId,
                        connections.problem(connectionId).orElse("not open"));
            } else {
                metrics.webhook("unknown", "not_found");
            }
            return new NoWebhookException();
        });
    }

    private WebhookReceiver receiver(LiveConnection conn) {
        return conn.instance().webhook().orElseThrow(() -> {
            metrics.webhook(conn.ref().id(), "unavailable");
            return new NoWebhookException();
        });
    }

    private static String json(Envelope envelope) {
        try {
            return HubJson.mapper().writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new ConnectorFailedException("the connector of " + envelope.source() + " produced an envelope that "
                    + "cannot be serialized", e);
        }
    }
}
