package io.ponte.plugins.http;

import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * {@link WebhookSender} over {@code java.net.http} and the hub's shared {@link HttpClient}
 * ({@link io.ponte.api.connector.ConnectorContext#httpClient()}).
 *
 * <p>The timeout covers the whole exchange, body included, and the answer is read up to
 * {@link ProviderResponse#API_ANSWER_MAX_BYTES}: a larger one stops being read and fails the call (retried), so
 * a receiver can neither hold the call nor fill the heap ({@link ProviderResponse#send}).
 */
public final class JdkWebhookSender implements WebhookSender {

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
    public ProviderResponse post(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .timeout(request.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return ProviderResponse.send(client, builder.build(), ProviderResponse.API_ANSWER_MAX_BYTES);
    }
}
