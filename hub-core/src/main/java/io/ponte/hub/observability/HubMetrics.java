package io.ponte.hub.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hub's metrics, exported at {@code /metrics} in Prometheus text format:
 * {@code ponte_webhooks_total{connection,outcome}}, {@code ponte_events_stored_total},
 * {@code ponte_routing_errors_total}, {@code ponte_deliveries_routed_total},
 * {@code ponte_delivery_attempts_total{connection,outcome}}, {@code ponte_delivery_attempt_seconds{connection,outcome}},
 * {@code ponte_delivery_end_to_end_seconds{connection}}, {@code ponte_outbox_depth},
 * {@code ponte_outbox_oldest_age_seconds}, {@code ponte_webhook_signature_failures_total{connection}},
 * {@code ponte_breaker_open{connection}}, {@code ponte_inbox_commit_seconds}, {@code ponte_inbox_commit_events},
 * the inbox's answers ({@link #inbox}), H2's file ({@link #h2Store}) and the JVM's.
 */
public final class HubMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> webhookCounters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> deliveryCounters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> attemptTimers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> endToEndTimers = new ConcurrentHashMap<>();
    private final Counter eventsStored;
    private final Counter deliveriesCreated;
    private final Counter routingErrors;
    private final Timer inboxCommits;
    private final io.micrometer.core.instrument.DistributionSummary inboxCommitEvents;
    private final AtomicLong outboxDepth = new AtomicLong();
    private final AtomicLong outboxOldestAgeMs = new AtomicLong();
    private final io.micrometer.core.instrument.MultiGauge breakersOpen;

    public HubMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        eventsStored = Counter.builder("ponte.events.stored").description("events committed to the inbox")
                .register(registry);
        deliveriesCreated = Counter.builder("ponte.deliveries.routed").description("deliveries routed into the outbox")
                .register(registry);
        routingErrors = Counter.builder("ponte.routing.errors").description("events whose routing hit an error")
                .register(registry);
        Gauge.builder("ponte.outbox.depth", outboxDepth, AtomicLong::get)
                .description("deliveries pending or in flight").register(registry);
        Gauge.builder("ponte.outbox.oldest.age.seconds", outboxOldestAgeMs, v -> v.get() / 1000.0)
                .description("age of the oldest pending delivery").register(registry);
        inboxCommits = Timer.builder("ponte.inbox.commit")
                .description("one group commit of the inbox, from its first statement to its end (on H2 it also "
                        + "carries the dispatcher's cycles); every webhook's answer waits for one")
                .publishPercentileHistogram().register(registry);
        inboxCommitEvents = io.micrometer.core.instrument.DistributionSummary.builder("ponte.inbox.commit.events")
                .description("events per inbox group commit: small groups each pay a whole commit")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000).register(registry);
        breakersOpen = io.micrometer.core.instrument.MultiGauge.builder("ponte.breaker.open")
                .description("1 while a connection's circuit breaker holds its calls back (open or half-open), "
                        + "else 0; one series per connection open on this node").register(registry);
    }

    /**
     * {@code ponte_plugins_unloaded_total} (plugins unloaded: upgraded or removed) and
     * {@code ponte_plugins_unloaded_classloaders} (their class loaders not yet freed by the garbage collector: one that
     * keeps rising across upgrades is a leak).
     */
    public <T> void pluginClassLoaders(T loaders, java.util.function.ToDoubleFunction<T> unloaded,
                                       java.util.function.ToDoubleFunction<T> inMemory) {
        io.micrometer.core.instrument.FunctionCounter.builder("ponte.plugins.unloaded", loaders, unloaded)
                .description("plugins unloaded (upgraded or removed) since start").register(registry);
        Gauge.builder("ponte.plugins.unloaded.classloaders", loaders, inMemory).strongReference(true)
                .description("class loaders of unloaded plugins not yet freed by the garbage collector")
                .register(registry);
    }

    /**
     * The outbound HTTP/1.1 client's connections: {@code ponte_outbound_connections_opened_total} (new connections,
     * TLS handshakes included: one per request means nothing is kept alive, a provider or a proxy closing them) and
     * {@code ponte_outbound_connections_idle} (kept alive for the next request).
     */
    public <T> void outboundConnections(T client, java.util.function.ToDoubleFunction<T> opened,
                                        java.util.function.ToDoubleFunction<T> idle) {
        io.micrometer.core.instrument.FunctionCounter.builder("ponte.outbound.connections.opened", client, opened)
                .description("connections the outbound HTTP/1.1 client opened since start").register(registry);
        Gauge.builder("ponte.outbound.connections.idle", client, idle).strongReference(true)
                .description("outbound connections kept alive for the next request").register(registry);
    }

    /**
     * H2's file, on a hub that holds it: {@code ponte_h2_file_bytes}, {@code ponte_h2_live_ratio} (the share of its
     * chunks' bytes still live: compaction keeps it up), {@code ponte_h2_file_fill_ratio}, {@code ponte_h2_chunks} and
     * {@code ponte_h2_compaction_steps_total}.
     */
    public <T> void h2Store(T store, java.util.function.ToDoubleFunction<T> fileBytes,
                            java.util.function.ToDoubleFunction<T> liveRatio,
                            java.util.function.ToDoubleFunction<T> fileFill,
                            java.util.function.ToDoubleFunction<T> chunks,
                            java.util.function.ToDoubleFunction<T> steps) {
        Gauge.builder("ponte.h2.file.bytes", store, fileBytes).strongReference(true)
                .description("size of H2's database file").register(registry);
        Gauge.builder("ponte.h2.live.ratio", store, liveRatio).strongReference(true)
                .description("share of the bytes in H2's chunks that live pages hold").register(registry);
        Gauge.builder("ponte.h2.file.fill.ratio", store, fileFill).strongReference(true)
                .description("share of H2's file its chunks occupy; the rest is free space new chunks reuse")
                .register(registry);
        Gauge.builder("ponte.h2.chunks", store, chunks).strongReference(true)
                .description("chunks in H2's file (one per commit until compaction merges their live pages)")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("ponte.h2.compaction.steps", store, steps)
                .description("compaction steps that moved H2's live pages out of sparse chunks").register(registry);
    }

    /**
     * The inbox's answers: {@code ponte_inbox_answers_total{answered="journal"}} (answered once the request was
     * appended to the journal, the commit behind it) and {@code {answered="commit"}} (the answer waited for the
     * commit: no journal, the writer behind, or the journal failed), and {@code ponte_inbox_retrying} (1 while the
     * writer retries a failed commit: nothing is stored meanwhile).
     */
    public <T> void inbox(T inbox, java.util.function.ToDoubleFunction<T> fromJournal,
                          java.util.function.ToDoubleFunction<T> atCommit,
                          java.util.function.ToDoubleFunction<T> retrying) {
        io.micrometer.core.instrument.FunctionCounter.builder("ponte.inbox.answers", inbox, fromJournal)
                .tag("answered", "journal")
                .description("requests (webhooks, polls) the inbox answered, by what the answer waited for")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("ponte.inbox.answers", inbox, atCommit)
                .tag("answered", "commit")
                .description("requests (webhooks, polls) the inbox answered, by what the answer waited for")
                .register(registry);
        Gauge.builder("ponte.inbox.retrying", inbox, retrying).strongReference(true)
                .description("1 while the inbox's writer retries a commit that failed, else 0").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    public void webhook(String connection, String outcome) {
        webhookCounters.computeIfAbsent(connection + '|' + outcome, k -> Counter.builder("ponte.webhooks")
                .description("webhook requests by connection and outcome")
                .tag("connection", connection).tag("outcome", outcome).register(registry)).increment();
    }

    public void eventStored(int deliveries) {
        eventsStored.increment();
        if (deliveries > 0) {
            deliveriesCreated.increment(deliveries);
        }
    }

    public void routingError() {
        routingErrors.increment();
    }

    /** An envelope from this connection reached the hop limit: its deliveries were stored dead (a loop?). */
    public void hopLimitReached(String connection) {
        webhookCounters.computeIfAbsent("loop|" + connection, k -> Counter.builder("ponte.routing.hop.limit")
                .description("envelopes not routed because their chain reached the hop limit (PONTE_MAX_HOPS)")
                .tag("connection", connection).register(registry)).increment();
    }

    /** A delivery handed back to wait for its connection's send rate limit (not an attempt). */
    public void throttled(String connection) {
        webhookCounters.computeIfAbsent("throttled|" + connection, k -> Counter.builder("ponte.delivery.throttled")
                .description("deliveries deferred by a connection's send rate limit")
                .tag("connection", connection).register(registry)).increment();
    }

    /** One attempt's outcome ({@code delivered}, {@code retry}, {@code dead}) and duration. */
    public void attempt(String connection, String outcome, Duration took) {
        String key = connection + '|' + outcome;
        deliveryCounters.computeIfAbsent(key, k -> Counter.builder("ponte.delivery.attempts")
                .description("delivery attempts by target connection and outcome")
                .tag("connection", connection).tag("outcome", outcome).register(registry)).increment();
        attemptTimers.computeIfAbsent(key, k -> Timer.builder("ponte.delivery.attempt")
                .description("duration of one delivery attempt").publishPercentileHistogram()
                .tag("connection", connection).tag("outcome", outcome).register(registry)).record(took);
    }

    /** Time from an event's receipt to its delivery. */
    public void delivered(String connection, Duration sinceReceipt) {
        endToEndTimers.computeIfAbsent(connection, k -> Timer.builder("ponte.delivery.end.to.end")
                .description("time from receipt to delivery").publishPercentileHistogram()
                .tag("connection", connection).register(registry)).record(sinceReceipt);
    }

    /**
     * A webhook refused as not authentic (401: a bad or missing signature or token). A burst of these is someone
     * guessing, or a provider whose secret changed.
     */
    public void signatureFailure(String connection) {
        webhookCounters.computeIfAbsent("signature|" + connection, k -> Counter.builder(
                        "ponte.webhook.signature.failures")
                .description("webhook requests refused as not authentic (bad or missing signature or token)")
                .tag("connection", connection).register(registry)).increment();
    }

    /**
     * The breaker state of every connection open on this node, by connection id ({@code open}, {@code half_open},
     * {@code closed}, {@code disabled}); connections no longer listed lose their series.
     */
    public void breakers(java.util.Map<String, String> states) {
        breakersOpen.register(states.entrySet().stream()
                .map(e -> io.micrometer.core.instrument.MultiGauge.Row.of(
                        io.micrometer.core.instrument.Tags.of("connection", e.getKey()),
                        e.getValue().equals("open") || e.getValue().equals("half_open") ? 1 : 0))
                .toList(), true);
    }

    /** One inbox group commit that stored {@code events} events and took {@code nanos}. */
    public void inboxCommit(long nanos, int events) {
        inboxCommits.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        inboxCommitEvents.record(events);
    }

    public void outbox(long depth, long oldestAgeMs) {
        outboxDepth.set(depth);
        outboxOldestAgeMs.set(oldestAgeMs);
    }
}
