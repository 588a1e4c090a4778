package io.ponte.testkit;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP client that stands where the hub's outbound-policy client stands: it records the URI of every request a
 * connector sends, and refuses those to a {@linkplain #deny denied} host the way the hub does (an
 * {@link io.ponte.api.error.OutboundDeniedException} "request to HOST denied by the outbound policy: WHY"), without
 * sending them. It never follows
 * redirects. Hand it to a connector with {@link TestConnectorContext#withHttpClient}. Thread-safe.
 */
public final class RecordingHttpClient extends HttpClient {

    private final HttpClient delegate = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(Redirect.NEVER).build();
    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> denied = new ConcurrentHashMap<>();

    /**
     * Refuses every request to this host from now on.
     *
     * @param host the host, as in the request URI ({@code 127.0.0.1}, {@code api.example.com})
     * @param why  the policy's reason, as the hub words it ({@code "127.0.0.1 resolves to ..., a loopback address"})
     * @return this client
     */
    public RecordingHttpClient deny(String host, String why) {
        denied.put(host.toLowerCase(Locale.ROOT), why);
        return this;
    }

    /** The URI of every request sent or refused, in order. */
    public List<URI> requests() {
        return List.copyOf(requests);
    }

    private void check(HttpRequest request) throws IOException {
        requests.add(request.uri());
        String host = request.uri().getHost();
        String why = host == null ? null : denied.get(host.toLowerCase(Locale.ROOT));
        if (why != null) {
            throw new io.ponte.api.error.OutboundDeniedException(host, why);
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        check(request);
        return delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            check(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        try {
            check(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return delegate.sendAsync(request, handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
