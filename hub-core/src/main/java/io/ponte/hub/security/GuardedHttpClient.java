package io.ponte.hub.security;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP client the hub hands connectors: the shared one, with every request checked against the
 * {@link OutboundPolicy} first. It never follows redirects, so a redirect cannot lead to a denied address.
 */
public final class GuardedHttpClient extends ForwardingHttpClient {

    private final OutboundPolicy policy;

    public GuardedHttpClient(HttpClient delegate, OutboundPolicy policy) {
        super(delegate);
        if (delegate.followRedirects() != Redirect.NEVER) {
            throw new IllegalArgumentException("the guarded client must not follow redirects");
        }
        this.policy = policy;
    }

    private void check(HttpRequest request) throws IOException {
        Optional<String> why = policy.check(request.uri());
        if (why.isPresent()) {
            throw new io.ponte.api.error.OutboundDeniedException(request.uri().getHost(), why.get());
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
}
