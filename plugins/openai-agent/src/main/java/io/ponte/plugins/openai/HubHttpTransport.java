package io.ponte.plugins.openai;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.ProviderResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The OpenAI SDK's transport over the hub's HTTP client ({@link HubExchange}: outbound policy, no redirects, a
 * capped answer). Failures are the SDK's own {@link OpenAIIoException}, as its OkHttp client throws them, so
 * {@link OpenAiChat} sees the same errors. Holds no state but its settings; thread-safe.
 */
final class HubHttpTransport implements com.openai.core.http.HttpClient {

    /** The largest answer read (see {@link HubExchange#MAX_ANSWER_BYTES}). */
    static final int MAX_ANSWER_BYTES = HubExchange.MAX_ANSWER_BYTES;

    private final HubExchange exchange;

    /**
     * @param context        the connection's context; its HTTP client must not follow redirects
     * @param defaultTimeout the bound of a call whose options name none
     */
    HubHttpTransport(ConnectorContext context, Duration defaultTimeout) {
        this.exchange = new HubExchange(context, defaultTimeout);
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        try (HttpRequestBody body = request.body()) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.headers().names().forEach(n -> headers.put(n, request.headers().values(n)));
            Timeout timeout = options == null ? null : options.getTimeout();
            ProviderResponse answer = exchange.send(request.method().name(), request.url(), headers,
                    body == null ? null : HubExchange.bytes(body::writeTo), body == null ? null : body.contentType(),
                    timeout == null ? null : timeout.request());
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
        return CompletableFuture.supplyAsync(() -> execute(request, options), HubExchange.VIRTUAL);
    }

    /** Nothing to release: the hub owns the client. */
    @Override
    public void close() {
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
