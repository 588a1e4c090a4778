package io.ponte.plugins.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link WebhookSender} over {@code java.net.http} and the hub's shared {@link HttpClient}
 * ({@link io.ponte.api.connector.ConnectorContext#httpClient()}).
 *
 * <p>The timeout covers the whole exchange, body included ({@code HttpRequest.timeout} alone stops at the
 * response headers, so a receiver trickling its body could hold the call). Response bodies are kept up to
 * {@value #MAX_RESPONSE_BYTES} bytes; the rest is read and dropped, so a huge answer cannot fill the heap.
 */
public final class JdkWebhookSender implements WebhookSender {

    /** The most response bytes kept. */
    public static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final HttpClient client;

    /**
     * A sender over a client.
     *
     * @param client the hub's shared client
     */
    public JdkWebhookSender(HttpClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Response post(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .timeout(request.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(builder.build(),
                info -> HttpResponse.BodySubscribers.fromSubscriber(new CappedBody(), CappedBody::bytes));
        try {
            HttpResponse<byte[]> response = exchange.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + request.timeout().toSeconds() + "s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "request failed" : cause.getClass().getSimpleName(), cause);
        }
    }

    /** Buffers up to {@link #MAX_RESPONSE_BYTES} and drains the rest. */
    private static final class CappedBody implements Flow.Subscriber<List<ByteBuffer>> {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int room = MAX_RESPONSE_BYTES - buffer.size();
                int take = Math.min(room, item.remaining());
                if (take > 0) {
                    byte[] chunk = new byte[take];
                    item.get(chunk);
                    buffer.write(chunk, 0, take);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // fromSubscriber completes the response future exceptionally on its own.
        }

        @Override
        public void onComplete() {
            // bytes() is called once the body completed.
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }
    }
}
