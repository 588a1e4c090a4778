package io.ponte.plugins.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.PluginApi;
import io.ponte.api.message.MessageJson;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link WhatsAppClient} over the JDK HTTP client the hub shares ({@code context.httpClient()}). Every request
 * carries {@code Authorization: Bearer <accessToken>} and a per-request timeout that bounds the whole answer; API
 * answers are read up to {@link ProviderResponse#API_ANSWER_MAX_BYTES}. Stateless; thread-safe.
 */
public final class HttpWhatsAppClient implements WhatsAppClient {

    /** The default per-request timeout: Graph sends answer in well under a second; media can take longer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final String USER_AGENT = "Ponte/" + PluginApi.VERSION + " whatsapp-cloud";

    private final HttpClient http;
    private final WhatsAppConfig config;
    private final Duration timeout;

    /**
     * A client.
     *
     * @param http    the shared HTTP client
     * @param config  the connection's config (base URL, phone number id, token)
     * @param timeout the timeout of each request
     */
    public HttpWhatsAppClient(HttpClient http, WhatsAppConfig config, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.config = Objects.requireNonNull(config, "config");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public ProviderResponse postMessage(JsonNode body) throws IOException, InterruptedException {
        byte[] json;
        try {
            json = MessageJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        HttpRequest request = request(config.endpoint(config.phoneNumberId() + "/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        return buffered(request);
    }

    @Override
    public ProviderResponse phoneNumber() throws IOException, InterruptedException {
        return buffered(request(config.endpoint(config.phoneNumberId()
                + "?fields=display_phone_number,verified_name")).GET().build());
    }

    @Override
    public ProviderResponse mediaInfo(String mediaId) throws IOException, InterruptedException {
        return buffered(request(config.endpoint(mediaId)).GET().build());
    }

    @Override
    public Download download(URI url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(url).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        return new Download(response.statusCode(), response.headers(), response.body());
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + config.accessToken())
                .header("User-Agent", USER_AGENT);
    }

    private ProviderResponse buffered(HttpRequest request) throws IOException, InterruptedException {
        return ProviderResponse.send(http, request, ProviderResponse.API_ANSWER_MAX_BYTES);
    }

    @Override
    public String toString() {
        return "HttpWhatsAppClient[" + config.apiBaseUrl() + ", phoneNumberId=" + config.phoneNumberId() + "]";
    }
}
