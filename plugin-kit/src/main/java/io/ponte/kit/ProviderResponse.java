package io.ponte.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A provider's answer, read whole but never past a cap.
 *
 * @param status  the HTTP status
 * @param headers the response headers; names are case-insensitive
 * @param body    the body, at most the cap it was read with; never null
 */
public record ProviderResponse(int status, HttpHeaders headers, byte[] body) {

    /** The cap for an API's answers (JSON about one call): 1 MiB, far above what any provider answers. */
    public static final int API_ANSWER_MAX_BYTES = 1 << 20;

    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

    /** Null headers mean none, a null body means empty. */
    public ProviderResponse {
        headers = headers == null ? NONE : headers;
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /**
     * The body as JSON, read with {@link PluginJson#mapper()}.
     *
     * @return the tree, or null when the body is empty or not JSON (a 2xx with an unreadable body still means the
     *         provider took the request)
     */
    public JsonNode json() {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = PluginJson.mapper().readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the status is 2xx. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /**
     * Sends a request and reads the answer with {@link CappedBody#bytes}. The request's own timeout, when it has
     * one, bounds the whole exchange, body included ({@code HttpRequest.timeout} alone stops at the response
     * headers, so an endpoint trickling its body could hold the call).
     *
     * @param http     the hub's client ({@code context.httpClient()}: it applies the outbound policy)
     * @param request  the request
     * @param maxBytes the largest answer accepted
     * @return the answer, whatever its status
     * @throws AnswerTooLargeException when the answer passed {@code maxBytes} (reading stopped there)
     * @throws HttpTimeoutException    when no complete answer came within the request's timeout
     * @throws IOException             when the request could not be sent or the answer not read
     * @throws InterruptedException    when the calling thread was interrupted (the exchange is cancelled)
     */
    public static ProviderResponse send(HttpClient http, HttpRequest request, long maxBytes)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, CappedBody.bytes(maxBytes));
        Duration timeout = request.timeout().orElse(null);
        try {
            HttpResponse<byte[]> response = timeout == null ? exchange.get()
                    : exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ProviderResponse(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw transportFailure(e.getCause());
        }
    }

    private static IOException transportFailure(Throwable cause) {
        Optional<AnswerTooLargeException> tooLarge = AnswerTooLargeException.in(cause);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(cause == null ? "request failed" : cause.getClass().getSimpleName(), cause);
    }
}
