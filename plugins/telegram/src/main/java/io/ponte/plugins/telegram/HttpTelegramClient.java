package io.ponte.plugins.telegram;

import io.ponte.api.message.MessageJson;
import io.ponte.kit.AnswerTooLargeException;
import io.ponte.kit.ProviderCall;
import io.ponte.kit.ProviderResponse;
import io.ponte.plugins.telegram.model.BotApiAnswer;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link TelegramClient} over the hub's {@link HttpClient}: {@code POST {apiBaseUrl}/bot<token>/<method>} with a
 * JSON body, and {@code GET {apiBaseUrl}/file/bot<token>/<file_path>} for files.
 *
 * <p>Method answers are read up to {@link ProviderResponse#API_ANSWER_MAX_BYTES} within the timeout; files are
 * streamed (the hub caps what it copies). The JDK's exceptions may quote the request URI, which carries the token,
 * so every failure is rethrown as a new exception with a message of ours and no cause.
 */
public final class HttpTelegramClient implements TelegramClient {

    private final HttpClient http;
    private final TelegramConfig config;

    /**
     * @param http   the hub's shared client
     * @param config the connection's config (base URL, token, timeout)
     */
    public HttpTelegramClient(HttpClient http, TelegramConfig config) {
        this.http = Objects.requireNonNull(http, "http");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public BotApiAnswer call(BotApiCall call) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/bot" + config.botToken() + "/" + call.method()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MessageJson.mapper().writeValueAsBytes(call.parameters())))
                .build();
        ProviderResponse response = send(call.method(),
                () -> ProviderResponse.send(http, request, ProviderResponse.API_ANSWER_MAX_BYTES));
        return BotApiAnswer.parse(response.status(), response.body());
    }

    @Override
    public Download download(String filePath) throws IOException, InterruptedException {
        StringBuilder path = new StringBuilder("/file/bot").append(config.botToken());
        for (String segment : filePath.split("/")) {
            if (!segment.isEmpty()) {
                path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        HttpRequest request = HttpRequest.newBuilder(uri(path.toString())).timeout(config.timeout()).GET().build();
        HttpResponse<InputStream> response = send("file download",
                () -> http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        return new Download(response.statusCode(),
                response.headers().firstValueAsLong("Content-Length").orElse(-1L), response.body());
    }

    private URI uri(String path) {
        return URI.create(config.apiBaseUrl() + path);
    }

    private <T> T send(String what, ProviderCall.Exchange<T> exchange) throws IOException, InterruptedException {
        try {
            return exchange.send();
        } catch (HttpTimeoutException e) {
            throw new HttpTimeoutException(what + ": " + config.host() + " did not answer within "
                    + seconds(config.timeout()) + "s");
        } catch (AnswerTooLargeException e) {
            throw new IOException(what + ": " + e.getMessage());
        } catch (io.ponte.api.error.OutboundDeniedException e) {
            throw e; // names the host and why, never the URL (which carries the token); permanent, unlike the rest
        } catch (IOException e) {
            // describe() keeps a message only when it cannot quote the URL, which carries the token
            throw new IOException(what + ": could not reach " + config.host() + " (" + ProviderCall.describe(e) + ")");
        }
    }

    private static long seconds(Duration d) {
        return d.toSeconds();
    }

    @Override
    public String toString() {
        return "HttpTelegramClient[" + config.apiBaseUrl() + ", bot " + config.botId() + "]";
    }
}
