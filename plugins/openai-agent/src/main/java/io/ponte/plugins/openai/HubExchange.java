package io.ponte.plugins.openai;

import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What both SDK transports ({@link HubHttpTransport} for OpenAI and Gemini, {@link AnthropicTransport}) send
 * through: the hub's HTTP client ({@code context.httpClient()}) instead of the SDKs' own OkHttp clients, which
 * resolved names and followed redirects themselves. So every call passes the operator's outbound policy, a
 * redirect comes back to the SDK as the 3xx answer it is (never followed), and the answer is read up to
 * {@link #MAX_ANSWER_BYTES} within the call's timeout: the exchange is the kit's ({@link Provider#exchange}), as
 * every plugin's provider calls are. Not {@link Provider#call}: the SDK needs the answer itself, whatever its
 * status, to raise its typed errors, and {@link ModelCaller} makes the action's outcome only after retries,
 * fallback models and providers. Holds no state but its settings; thread-safe.
 */
final class HubExchange {

    /** The largest answer read: a chat completion is kilobytes; 4 MiB leaves room for long tool-call answers. */
    static final int MAX_ANSWER_BYTES = 4 << 20;

    /** Async calls block on the hub's client; a virtual thread each is what they cost. */
    static final Executor VIRTUAL = task -> Thread.ofVirtual().name("openai-agent-call").start(task);

    /** Headers {@code java.net.http} sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final Provider provider;

    /**
     * @param context        the connection's context; its HTTP client must not follow redirects (the hub's never
     *                       does)
     * @param defaultTimeout the bound of a call whose options name none
     */
    HubExchange(ConnectorContext context, Duration defaultTimeout) {
        if (context.httpClient().followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the agent's HTTP client must not follow redirects");
        }
        this.provider = Provider.builder(context, "the model provider")
                .timeout(Objects.requireNonNull(defaultTimeout, "defaultTimeout"))
                .maxAnswerBytes(MAX_ANSWER_BYTES).build();
    }

    /** The bytes an SDK's request body writes. */
    static byte[] bytes(java.util.function.Consumer<java.io.OutputStream> body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        body.accept(out);
        return out.toByteArray();
    }

    /**
     * Sends one request the SDK built.
     *
     * @param headers     the SDK's headers (auth, version, content type ...); the ones the JDK sets itself are left out
     * @param body        the body, or null
     * @param contentType the body's type when the headers name none, or null
     * @param timeout     the SDK's timeout for this call, or null for the default
     * @throws IOException when no answer came (timeout, policy, cap included)
     */
    ProviderResponse send(String method, String url, Map<String, List<String>> headers, byte[] body,
                          String contentType, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean typed = false;
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            typed |= name.equals("content-type");
            if (!RESTRICTED.contains(name)) {
                h.getValue().forEach(value -> builder.header(h.getKey(), value));
            }
        }
        if (body != null && contentType != null && !typed) {
            builder.header("Content-Type", contentType);
        }
        if (timeout != null && timeout.isPositive()) {
            builder.timeout(timeout);
        }
        return provider.exchange(builder.build());
    }
}
