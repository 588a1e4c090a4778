package io.ponte.plugins.openai;

import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpRequestBody;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.AnthropicIoException;
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
 * The Anthropic SDK's transport over the hub's HTTP client ({@link HubExchange}: outbound policy, no redirects, a
 * capped answer). Failures are the SDK's own {@link AnthropicIoException}, as its OkHttp client throws them, so
 * {@link AnthropicChat} sees the same errors. Holds no state but its settings; thread-safe.
 */
final class AnthropicTransport implements com.anthropic.core.http.HttpClient {

    private final HubExchange exchange;

    /**
     * @param context        the connection's context; its HTTP client must not follow redirects
     * @param defaultTimeout the bound of a call whose options name none
     */
    AnthropicTransport(ConnectorContext context, Duration defaultTimeout) {
        this.exchange = new HubExchange(context, defaultTimeout);
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        HttpRequestBody body = request.body().orElse(null);
        try {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.headers().names().forEach(n -> headers.put(n, request.headers().values(n)));
            Duration timeout = options == null ? null : options.timeout().map(Timeout::request).orElse(null);
            ProviderResponse answer = exchange.send(request.method().name(), request.url(), headers,
                    body == null ? null : HubExchange.bytes(body::writeTo), body == null ? null : body.contentType(),
                    timeout);
            return new Answer(answer.status(), headers(answer), answer.body());
        } catch (IOException e) {
            throw new AnthropicIoException("Request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnthropicIoException("Request interrupted", new InterruptedIOException("interrupted"));
        } finally {
            if (body != null) {
                body.close();
            }
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
