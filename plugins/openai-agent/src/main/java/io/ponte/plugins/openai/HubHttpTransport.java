package io.ponte.plugins.openai;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The OpenAI SDK's transport over the hub's HTTP client ({@code context.httpClient()}) instead of the SDK's own
 * OkHttp client, which resolved names and followed redirects itself. So every call the SDK makes passes the
 * operator's outbound policy, a redirect comes back to the SDK as the 3xx answer it is (never followed), and the
 * answer is read up to {@link #MAX_ANSWER_BYTES} within the call's timeout: the exchange is the kit's
 * ({@link Provider#exchange}), as every plugin's provider calls are. Not {@link Provider#call}: the SDK needs the
 * answer itself, whatever its status, to raise its typed errors, and {@link ModelCaller} makes the action's outcome
 * only after retries and fallback models. Failures are the SDK's own {@link OpenAIIoException}, as its OkHttp
 * client throws them, so {@link ModelCaller} sees the same errors. Holds no state but its settings; thread-safe.
 */
final class HubHttpTransport implements com.openai.core.http.HttpClient {

    /** The largest answer read: a chat completion is kilobytes; 4 MiB leaves room for long tool-call answers. */
    static final int MAX_ANSWER_BYTES = 4 << 20;

    /** Headers {@code java.net.http} sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** Async calls block on the hub's client; a virtual thread each is what they cost. */
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("openai-agent-call").start(task);

    private final Provider provider;

    /**
     * @param context        the connection's context; its HTTP client must not follow redirects (the hub's never
     *                       does)
     * @param defaultTimeout the bound of a call whose options name none
     */
    HubHttpTransport(ConnectorContext context, Duration defaultTimeout) {
        if (context.httpClient().followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the agent's HTTP client must not follow redirects");
        }
        this.provider = Provider.builder(context, "the model provider")
                .timeout(Objects.requireNonNull(defaultTimeout, "defaultTimeout"))
                .maxAnswerBytes(MAX_ANSWER_BYTES).build();
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        try (HttpRequestBody body = request.body()) {
            ProviderResponse answer = provider.exchange(jdkRequest(request, body, options));
            return new Answer(answer.status(), headers(answer), answer.body());
        } catch (IOException e) {
            throw new OpenAIIoException("Request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenAIIoException("Request interrupted", new InterruptedIOException("interrupted"));
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        return CompletableFuture.supplyAsync(() -> execute(request, options), VIRTUAL);
    }

    /** Nothing to release: the hub owns the client. */
    @Override
    public void close() {
    }

    private java.net.http.HttpRequest jdkRequest(HttpRequest request, HttpRequestBody body, RequestOptions options) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .method(request.method().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        Headers headers = request.headers();
        for (String name : headers.names()) {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.values(name).forEach(value -> builder.header(name, value));
            }
        }
        if (body != null && body.contentType() != null && headers.values("Content-Type").isEmpty()) {
            builder.header("Content-Type", body.contentType());
        }
        Timeout timeout = options == null ? null : options.getTimeout();
        Duration asked = timeout == null ? null : timeout.request();
        if (asked != null && asked.isPositive()) {
            builder.timeout(asked);
        }
        return builder.build();
    }

    private static byte[] bytes(HttpRequestBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    private static Headers headers(ProviderResponse answer) {
        Headers.Builder headers = Headers.builder();
        answer.headers().map().forEach(headers::put);
        return headers.build();
    }

    /** A read answer; its body can be read again, closing it releases nothing. */
    private record Answer(int status, Headers headers, byte[] bytes) implements HttpResponse {
        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void close() {
        }
    }
}
