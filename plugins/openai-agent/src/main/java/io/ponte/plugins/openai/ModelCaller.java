package io.ponte.plugins.openai;

import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.connector.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the chain of providers and their models with this plugin's reliability rules (the SDKs' own retries are off).
 * The chain is every provider's models in order: provider 1's {@code model} and {@code fallbackModels}, then
 * provider 2's, and so on. Per model up to {@code maxRetries} retries on rate limits, overload, 5xx, 408/409 and
 * timeouts or I/O errors, waiting what the server asks ({@code retry-after-ms}, then {@code retry-after}) capped at
 * {@link #MAX_WAIT}, else an exponential back-off; other 4xx move to the next model at once; 401/403 stop
 * everything. An exhausted quota skips the rest of that provider (its account is out, another's is not).
 *
 * <p>With more than one provider: a rate limit or overload moves to the next provider at once (waiting would only
 * delay an answer another provider can give now); other transient failures keep their retries and the provider's
 * next model. A provider given up on that way, or whose last model failed transiently, is left out — its breaker
 * is open — for the server's {@code retry-after} (at most {@link #MAX_OPEN}) or else {@link #OPEN_FOR}; after that
 * the next call tries it again. Each provider given up on is counted as
 * {@code agent.provider.failovers{provider, reason}}. Thread-safe.
 */
final class ModelCaller {

    /** The longest wait between two attempts, whatever the server asks. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /** How long a provider that failed transiently is left out when the server names no wait. */
    static final Duration OPEN_FOR = Duration.ofSeconds(30);
    /** The longest a provider is left out, whatever the server asks. */
    static final Duration MAX_OPEN = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(ModelCaller.class);

    /** Waits between attempts (tests record instead of sleeping). */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** The outcome of asking the chain. */
    sealed interface Outcome {
        /** A model answered. {@code slot} is its place in the chain (go on from there). */
        record Answer(Chat.Answer answer, String provider, String model, int slot) implements Outcome {
        }

        /** Every model failed. {@code transientFailure}: a later try may work (then {@code after} is a hint). */
        record Unavailable(String reason, boolean transientFailure, Duration after) implements Outcome {
        }

        /** A provider refused the credentials (401) or the access (403): nothing will work until fixed. */
        record Refused(int status, String reason) implements Outcome {
        }
    }

    /** One model of one provider. */
    private record Slot(int provider, String model) {
    }

    private final List<ChatProvider> providers;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicReferenceArray<Instant> openUntil;
    private final int maxRetries;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final Consumer<Health> health;
    private volatile Health.Status reported;

    /**
     * @param providers the opened providers, in the order of {@code settings}
     * @param health    where to report what the calls learn: down on refused credentials or an exhausted quota, up
     *                  again after a call works (only changes are reported)
     */
    ModelCaller(List<ProviderSettings> settings, List<ChatProvider> providers, int maxRetries, Sleeper sleeper,
                Clock clock, ConnectorMetrics metrics, Consumer<Health> health) {
        this.providers = List.copyOf(providers);
        for (int p = 0; p < settings.size(); p++) {
            for (String model : settings.get(p).models()) {
                slots.add(new Slot(p, model));
            }
        }
        this.openUntil = new AtomicReferenceArray<>(providers.size());
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
        this.clock = clock;
        this.metrics = metrics;
        this.health = health;
    }

    private void report(Health h) {
        if (reported != h.status()) {
            reported = h.status();
            health.accept(h);
        }
    }

    /**
     * Asks the chain from {@code fromSlot} on.
     *
     * @param request the chat so far
     */
    Outcome complete(Chat.Request request, int fromSlot) {
        String lastReason = "no model configured";
        boolean anyTransient = false;
        Duration hint = null;
        boolean chain = providers.size() > 1;
        for (int s = Math.max(0, fromSlot); s < slots.size(); s++) {
            Slot slot = slots.get(s);
            ChatProvider provider = providers.get(slot.provider());
            String name = provider.kind();
            Duration open = chain ? stillOpen(slot.provider()) : null;
            if (open != null) {
                anyTransient = true;
                hint = shorter(hint, open);
                lastReason = name + ": left out for " + open.toSeconds() + " s after failing";
                failover(slot, "breaker_open");
                s = lastSlotOf(slot.provider());
                continue;
            }
            boolean another = chain && slot.provider() < providers.size() - 1;
            boolean nextProvider = false;
            for (int attempt = 0; ; attempt++) {
                try {
                    Chat.Answer answer = provider.complete(slot.model(), request);
                    openUntil.set(slot.provider(), null);
                    report(Health.up(name + " model " + slot.model() + " answered"));
                    return new Outcome.Answer(answer, name, slot.model(), s);
                } catch (ProviderFailure f) {
                    lastReason = name + " " + slot.model() + ": " + f.reason();
                    ProviderFailure.Kind kind = f.kind();
                    if (kind == ProviderFailure.Kind.REFUSED) {
                        String reason = name + " refused the API key or access (" + f.reason() + ")";
                        report(Health.down(reason));
                        return new Outcome.Refused(f.status(), reason);
                    }
                    if (kind == ProviderFailure.Kind.QUOTA) {
                        lastReason = name + " account is out of quota (" + f.reason() + "): check the plan and "
                                + "billing";
                        report(Health.down(lastReason));
                        anyTransient = true;
                        nextProvider = true;
                        if (another) {
                            failover(slot, kind.tag());
                        }
                        break;
                    }
                    if (!kind.transientFailure()) {
                        LOG.warn("{} model {} refused the request: {}", name, slot.model(), f.reason());
                        break;
                    }
                    anyTransient = true;
                    Duration wait = f.serverWait();
                    if (kind == ProviderFailure.Kind.RATE_LIMITED && wait != null) {
                        hint = cap(wait);
                    }
                    boolean busy = kind == ProviderFailure.Kind.RATE_LIMITED || kind == ProviderFailure.Kind.OVERLOADED;
                    if (another && busy) {
                        open(slot.provider(), wait);
                        failover(slot, kind.tag());
                        nextProvider = true;
                        break;
                    }
                    if (attempt >= maxRetries) {
                        if (another && s == lastSlotOf(slot.provider())) {
                            // the provider's last model failed too: leave the provider out for a while
                            open(slot.provider(), wait);
                            failover(slot, kind.tag());
                        }
                        break;
                    }
                    if (!pause(wait != null ? cap(wait) : backoff(attempt + 1))) {
                        return new Outcome.Unavailable("interrupted while waiting to retry", true, null);
                    }
                }
            }
            if (nextProvider) {
                s = lastSlotOf(slot.provider());
            }
            LOG.info("{} model {} failed ({}); {}", name, slot.model(), lastReason,
                    s + 1 < slots.size() ? "trying " + providers.get(slots.get(s + 1).provider()).kind() + " "
                            + slots.get(s + 1).model() : "no fallback left");
        }
        return new Outcome.Unavailable("every model failed; last: " + lastReason, anyTransient, hint);
    }

    /** The chain's size in slots (provider × model). */
    int slots() {
        return slots.size();
    }

    private int lastSlotOf(int provider) {
        int last = -1;
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).provider() == provider) {
                last = i;
            }
        }
        return last;
    }

    private void failover(Slot slot, String reason) {
        metrics.increment("agent.provider.failovers", "provider", providers.get(slot.provider()).kind(), "reason",
                reason);
    }

    /** How much longer the provider is left out, or null when it is not. */
    private Duration stillOpen(int provider) {
        Instant until = openUntil.get(provider);
        Instant now = clock.instant();
        return until != null && now.isBefore(until) ? Duration.between(now, until) : null;
    }

    private void open(int provider, Duration serverWait) {
        Duration d = serverWait == null || serverWait.isZero() ? OPEN_FOR
                : serverWait.compareTo(MAX_OPEN) > 0 ? MAX_OPEN : serverWait;
        openUntil.set(provider, clock.instant().plus(d));
    }

    private static Duration shorter(Duration a, Duration b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }

    /** 0.5 s, 1 s, 2 s ... capped at 8 s, as the official SDKs do (without their jitter). */
    static Duration backoff(int retry) {
        long ms = 500L << Math.min(10, retry - 1);
        return Duration.ofMillis(Math.min(ms, 8000));
    }

    private static Duration cap(Duration d) {
        return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
    }

    private boolean pause(Duration d) {
        try {
            sleeper.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
