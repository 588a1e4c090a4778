package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.PluginApi;
import io.ponte.api.message.MessageJson;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link InstagramClient} over the JDK HTTP client the hub shares. The token travels in the
 * {@code Authorization: Bearer} header only, never in the URL, so no exception or log line that quotes a URI can
 * leak it. The timeout bounds the whole answer, read up to {@link ProviderResponse#API_ANSWER_MAX_BYTES}. Stateless
 * apart from its settings; thread-safe.
 */
public final class HttpInstagramClient implements InstagramClient {

    /** The timeout of one Graph API request unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI messages;
    private final URI account;
    private final String authorization;
    private final Duration timeout;

    /**
     * @param http    the hub's shared client
     * @param config  the connection's config (base URL, account id, token)
     * @param timeout the timeout of each request
     */
    public HttpInstagramClient(HttpClient http, InstagramConfig config, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        String base = config.apiBaseUrl().toString();
        this.messages = URI.create(base + "/" + config.igUserId() + "/messages");
        this.account = URI.create(base + "/" + config.igUserId() + "?fields=id,username");
        this.authorization = "Bearer " + config.accessToken();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public ProviderResponse sendMessage(JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = base(messages)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MessageJson.mapper().writeValueAsBytes(body)))
                .build();
        return call(request);
    }

    @Override
    public ProviderResponse account() throws IOException, InterruptedException {
        return call(base(account).GET().build());
    }

    private HttpRequest.Builder base(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", "Ponte/" + PluginApi.VERSION);
    }

    private ProviderResponse call(HttpRequest request) throws IOException, InterruptedException {
        return ProviderResponse.send(http, request, ProviderResponse.API_ANSWER_MAX_BYTES);
    }

    @Override
    public String toString() {
        return "HttpInstagramClient[" + messages.getHost() + ", token=***]";
    }
}
