package io.ponte.plugins.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.http.Headers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.ponte.kit.RetryAfter;
import io.ponte.api.connector.Health;
import io.ponte.kit.ProviderCall;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls Chat Completions with this plugin's reliability rules (the SDK's own retries are off): per model up to
 * {@code maxRetries} retries on 429 rate limits, 5xx, 408/409 and timeouts or I/O errors, waiting what the server
 * asks ({@code retry-after-ms}, then {@code retry-after}) capped at {@link #MAX_WAIT}, else an exponential
 * back-off; {@code insufficient_quota} is never retried (and no other model tried: the quota is the account's);
 * other 4xx move to the next model at once; 401/403 stop everything. Then the next of {@code fallbackModels}.
 */
final class ModelCaller {

    /** The longest wait between two attempts, whatever the server asks. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ModelCaller.class);

    /** Waits between attempts (tests record instead of sleeping). */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** The outcome of asking the models. */
    sealed interface Outcome {
        /** A model answered. {@code modelIndex} is its place in the model list. */
        record Answer(ChatCompletion completion, String model, int modelIndex) implements Outcome {
        }

        /** Every model failed. {@code transientFailure}: a later try may work (then {@code after} is a hint). */
        record Unavailable(String reason, boolean transientFailure, Duration after) implements Outcome {
        }

        /** The provider refused the credentials (401) or the access (403): nothing will work until fixed. */
        record Refused(int status, String reason) implements Outcome {
        }
    }

    private final OpenAIClient client;
    private final List<String> models;
    private final int maxRetries;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Consumer<Health> health;
    private volatile Health.Status reported;

    /**
     * @param health where to report what the calls learn: down on refused credentials or an exhausted quota, up
     *               again after a call works (only changes are reported)
     */
    ModelCaller(OpenAIClient client, OpenAiAgentConfig config, Sleeper sleeper, Clock clock,
                Consumer<Health> health) {
        this.client = client;
        this.models = config.models();
        this.maxRetries = config.maxRetries();
        this.sleeper = sleeper;
        this.clock = clock;
        this.health = health;
    }

    private void report(Health h) {
        if (reported != h.status()) {
            reported = h.status();
            health.accept(h);
        }
    }

    List<String> models() {
        return models;
    }

    /**
     * Asks the models from {@code fromModel} on.
     *
     * @param request builds the request for a model name
     */
    Outcome complete(Function<String, ChatCompletionCreateParams> request, int fromModel) {
        String lastReason = "no model configured";
        boolean anyTransient = false;
        Duration hint = null;
        for (int m = Math.max(0, fromModel); m < models.size(); m++) {
            String model = models.get(m);
            for (int attempt = 0; ; attempt++) {
                try {
                    ChatCompletion completion = client.chat().completions().create(request.apply(model));
                    report(Health.up("model " + model + " answered"));
                    return new Outcome.Answer(completion, model, m);
                } catch (OpenAIServiceException e) {
                    int status = e.statusCode();
                    String code = e.code().orElse(e.type().orElse(""));
                    lastReason = model + ": HTTP " + status + (code.isEmpty() ? "" : " " + code);
                    if (status == 401 || status == 403) {
                        String reason = "the provider refused the API key or access (HTTP " + status
                                + (code.isEmpty() ? "" : " " + code) + ")";
                        report(Health.down(reason));
                        return new Outcome.Refused(status, reason);
                    }
                    if ("insufficient_quota".equals(code) || "insufficient_quota".equals(e.type().orElse(""))) {
                        String reason = "the provider account is out of quota (429 insufficient_quota): check the "
                                + "plan and billing";
                        report(Health.down(reason));
                        return new Outcome.Unavailable(reason, true, null);
                    }
                    boolean retriable = status == 408 || status == 409 || status == 429 || status >= 500;
                    if (!retriable) {
                        LOG.warn("model {} refused the request: HTTP {} {}", model, status, code);
                        break;
                    }
                    anyTransient = true;
                    Duration wait = serverWait(e.headers());
                    if (status == 429 && wait != null) {
                        hint = wait;
                    }
                    if (attempt >= maxRetries) {
                        break;
                    }
                    if (!pause(wait != null ? wait : backoff(attempt + 1))) {
                        return new Outcome.Unavailable("interrupted while waiting to retry", true, null);
                    }
                } catch (OpenAIIoException | OpenAIRetryableException e) {
                    anyTransient = true;
                    lastReason = model + ": " + transportFailure(e);
                    if (attempt >= maxRetries) {
                        break;
                    }
                    if (!pause(backoff(attempt + 1))) {
                        return new Outcome.Unavailable("interrupted while waiting to retry", true, null);
                    }
                } catch (OpenAIException e) {
                    // an answer the SDK could not read: another model may do better, a retry would not
                    lastReason = model + ": unreadable answer (" + e.getClass().getSimpleName() + ")";
                    break;
                }
            }
            LOG.info("model {} failed ({}); {}", model, lastReason,
                    m + 1 < models.size() ? "trying " + models.get(m + 1) : "no fallback model left");
        }
        return new Outcome.Unavailable("every model failed; last: " + lastReason, anyTransient, hint);
    }

    /** {@code retry-after-ms}, else {@code retry-after} (seconds or an HTTP date), capped; null when absent. */
    Duration serverWait(Headers headers) {
        Optional<String> ms = first(headers, "retry-after-ms");
        if (ms.isPresent()) {
            try {
                return cap(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.get().strip()))));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        Duration after = first(headers, "retry-after").map(v -> RetryAfter.parse(v, clock.instant())).orElse(null);
        return after == null ? null : cap(after);
    }

    private static Optional<String> first(Headers headers, String name) {
        for (String n : headers.names()) {
            if (n.equalsIgnoreCase(name)) {
                List<String> values = headers.values(n);
                if (!values.isEmpty()) {
                    return Optional.of(values.get(0));
                }
            }
        }
        return Optional.empty();
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

    /**
     * Why a call got no answer, in words that quote no URL: "timed out", the answer over the size cap, the outbound
     * policy's refusal, or the failure's type.
     */
    static String transportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return "timed out";
            }
            if (t instanceof IOException io) {
                return ProviderCall.describe(io);
            }
        }
        return e.getClass().getSimpleName();
    }
}
