package io.ponte.kit;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.media.MediaFetchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One connection's provider API, as every plugin calls it: each request bounded by the timeout (body included) and
 * its answer by a size cap; a call that got no usable answer (timeout, unreachable, over the cap, interrupted) is a
 * {@link ActionResult.Retry}, one the hub's outbound policy denied a {@link ActionResult.Failed}; an error answer
 * goes to the plugin's {@link ErrorClassifier}, and a {@link ActionResult.Retry} without a wait takes the answer's
 * {@code Retry-After}. The connection's health follows what the provider says of our credentials (up on a success,
 * what the verdict says on an error), and every call is counted as {@code provider.calls{outcome}} and timed as
 * {@code provider.call.duration}. A plugin keeps only its provider's error classification. Immutable; thread-safe.
 */
public final class Provider {

    /**
     * Reads a provider's error answer: its error codes, its words.
     */
    @FunctionalInterface
    public interface ErrorClassifier {
        /**
         * @param answer an answer whose status is not 2xx
         * @return what it means; never null
         */
        Verdict classify(ProviderResponse answer);
    }

    private final ConnectorContext context;
    private final String name;
    private final Duration timeout;
    private final long maxAnswerBytes;
    private final ErrorClassifier classifier;
    private final Health healthy;

    private Provider(Builder b) {
        this.context = b.context;
        this.name = b.name;
        this.timeout = b.timeout;
        this.maxAnswerBytes = b.maxAnswerBytes;
        this.classifier = b.classifier;
        this.healthy = b.healthy;
    }

    /**
     * Starts describing a connection's provider.
     *
     * @param context the connection's context (its HTTP client, clock, health and metrics)
     * @param name    what reasons call the provider ({@code "the Graph API"}); never a URL, which may carry a token
     */
    public static Builder builder(ConnectorContext context, String name) {
        return new Builder(context, name);
    }

    /** The request timeout; requests built with {@link #request} carry it. */
    public Duration timeout() {
        return timeout;
    }

    /** What reasons call the provider. */
    public String name() {
        return name;
    }

    /**
     * Makes an action's call.
     *
     * @param request   the request (given the timeout when it has none)
     * @param onSuccess the outcome of a 2xx answer
     * @return the outcome; never null
     */
    public ActionResult call(HttpRequest request, Function<ProviderResponse, ActionResult> onSuccess) {
        long start = System.nanoTime();
        ActionResult result = ProviderCall.outcome(name, timeout, () -> exchange(request), answer -> {
            if (answer.successful()) {
                context.reportHealth(healthy);
                return onSuccess.apply(answer);
            }
            Verdict verdict = Objects.requireNonNull(classifier.classify(answer), "the classifier returned null");
            if (verdict.health() != null) {
                context.reportHealth(verdict.health());
            }
            return withRetryAfter(verdict.result(), answer);
        });
        String outcome = switch (result) {
            case ActionResult.Delivered d -> "delivered";
            case ActionResult.Retry r -> "retry";
            case ActionResult.Failed f -> "failed";
        };
        context.metrics().increment("provider.calls", "outcome", outcome);
        context.metrics().record("provider.call.duration", Duration.ofNanos(System.nanoTime() - start));
        return result;
    }

    /**
     * Sends a request outside an action (a health check, a media lookup) and hands back the answer whatever its
     * status, under the same timeout and cap.
     *
     * @throws AnswerTooLargeException when the answer passed the cap
     * @throws IOException             when no answer came (timeout included)
     * @throws InterruptedException    when the thread was interrupted
     */
    public ProviderResponse exchange(HttpRequest request) throws IOException, InterruptedException {
        return ProviderResponse.send(context.httpClient(), bounded(request), maxAnswerBytes);
    }

    /**
     * Starts downloading a file for a {@code MediaFetcher}: waits for the answer's status and headers within the
     * timeout and hands the body over unread, as a stream the caller closes, whatever the status (the hub caps and
     * times what it copies, so a file is never held in memory whole).
     *
     * @param request the request (given the timeout when it has none)
     * @return the answer; its body is open
     * @throws MediaFetchException retriable when no answer came (timed out, unreachable, interrupted), permanent when
     *                             the hub's outbound policy denied the call; in words that never quote the URL
     */
    public HttpResponse<InputStream> download(HttpRequest request) {
        AtomicReference<HttpResponse<InputStream>> answer = new AtomicReference<>();
        ActionResult outcome = ProviderCall.outcome(name, timeout,
                () -> context.httpClient().send(bounded(request), HttpResponse.BodyHandlers.ofInputStream()),
                response -> {
                    answer.set(response);
                    return ActionResult.delivered(null);
                });
        if (outcome instanceof ActionResult.Delivered) {
            return answer.get();
        }
        throw mediaFailure(outcome);
    }

    /**
     * What a call's outcome that was not delivered means for a {@code MediaFetcher}: a {@link ActionResult.Retry}
     * may work later, a {@link ActionResult.Failed} never will; the reason becomes the message.
     *
     * @param result a {@link ActionResult.Retry} or {@link ActionResult.Failed}
     * @return the exception to throw
     * @throws IllegalArgumentException for a {@link ActionResult.Delivered}, which is no failure
     */
    public static MediaFetchException mediaFailure(ActionResult result) {
        return switch (result) {
            case ActionResult.Retry r -> MediaFetchException.retriable(r.reason(), null);
            case ActionResult.Failed f -> MediaFetchException.permanent(f.reason());
            case ActionResult.Delivered d -> throw new IllegalArgumentException("a delivered call is no failure");
        };
    }

    /** A request builder for {@code uri} with the timeout set. */
    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    private HttpRequest bounded(HttpRequest request) {
        return request.timeout().isPresent() ? request
                : HttpRequest.newBuilder(request, (n, v) -> true).timeout(timeout).build();
    }

    private ActionResult withRetryAfter(ActionResult result, ProviderResponse answer) {
        if (result instanceof ActionResult.Retry retry && retry.after() == null) {
            Duration after = answer.header("Retry-After")
                    .map(v -> RetryAfter.parse(v, context.clock().instant())).orElse(null);
            return after == null ? retry : ActionResult.retryAfter(after, retry.reason());
        }
        return result;
    }

    /** Describes a provider; not thread-safe. */
    public static final class Builder {
        private final ConnectorContext context;
        private final String name;
        private Duration timeout = Duration.ofSeconds(30);
        private long maxAnswerBytes = ProviderResponse.API_ANSWER_MAX_BYTES;
        private ErrorClassifier classifier;
        private Health healthy;

        private Builder(ConnectorContext context, String name) {
            this.context = Objects.requireNonNull(context, "context");
            this.name = Objects.requireNonNull(name, "name");
            this.healthy = Health.up(name + " answers");
        }

        /** Each request's timeout, answer included (default 30 s). */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** The largest answer read (default {@link ProviderResponse#API_ANSWER_MAX_BYTES}). */
        public Builder maxAnswerBytes(long value) {
            this.maxAnswerBytes = value;
            return this;
        }

        /** The provider's error classification (default: {@link Provider#byStatus}). */
        public Builder errors(ErrorClassifier value) {
            this.classifier = Objects.requireNonNull(value, "classifier");
            return this;
        }

        /** What the connection's health says after a successful call (default "&lt;name&gt; answers"). */
        public Builder healthyWhenAnswered(String detail) {
            this.healthy = Health.up(detail);
            return this;
        }

        /** The provider. */
        public Provider build() {
            if (classifier == null) {
                classifier = answer -> byStatus(name, answer);
            }
            return new Provider(this);
        }
    }

    /**
     * The classification by status alone, for providers without error codes of their own: 401 and 403 refuse our
     * credentials, 408, 425, 429 and 5xx are worth another try, any other 4xx fails.
     *
     * @param provider what reasons call the provider
     * @param answer   a non-2xx answer
     * @return the verdict
     */
    public static Verdict byStatus(String provider, ProviderResponse answer) {
        int status = answer.status();
        String reason = provider + " answered HTTP " + status;
        if (status == 401 || status == 403) {
            return Verdict.credentialsRefused(reason + ": credentials refused");
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return Verdict.of(ActionResult.retry(reason));
        }
        return Verdict.of(ActionResult.failed(reason));
    }
}
