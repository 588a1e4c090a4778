package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.media.MediaFetchException;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.plugins.telegram.model.BotApiAnswer;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One bot's Telegram Bot API, called through the kit's {@link Provider} (timeout, answer cap, transport failures,
 * health, {@code provider.calls} metrics): {@code POST {apiBaseUrl}/bot<token>/<method>} with a JSON body, and
 * {@code GET {apiBaseUrl}/file/bot<token>/<file_path>} for files. Error answers mean what {@link BotApiErrors}
 * says. Every reason starts with the method it comes from ({@code sendMessage: Bad Request: chat not found}) and
 * never quotes a URL, which carries the token. Thread-safe.
 */
final class TelegramClient {

    private final TelegramConfig config;
    private final Provider provider;

    /**
     * @param config  the connection's config (base URL, token, timeout)
     * @param context the connection's context (HTTP client, health, metrics)
     */
    TelegramClient(TelegramConfig config, ConnectorContext context) {
        this.config = config;
        this.provider = Provider.builder(context, config.host())
                .timeout(config.timeout())
                .errors(new BotApiErrors())
                .healthyWhenAnswered(BotApiErrors.TOKEN_ACCEPTED)
                .build();
    }

    /**
     * Calls one Bot API method.
     *
     * @param call      the method and its parameters
     * @param onSuccess the outcome of Telegram's {@code ok} answer
     * @return the outcome; never null
     */
    ActionResult call(BotApiCall call, Function<BotApiAnswer, ActionResult> onSuccess) {
        HttpRequest request = provider.request(uri("/bot" + config.botToken() + "/" + call.method()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(call.parameters())))
                .build();
        return labelled(call.method(), provider.call(request, response -> answered(response, onSuccess)));
    }

    /**
     * Starts downloading a file by the {@code file_path} that {@code getFile} returned.
     *
     * @return the answer, whatever its status; the caller closes its body
     * @throws MediaFetchException when Telegram gave no answer
     */
    HttpResponse<InputStream> download(String filePath) {
        StringBuilder path = new StringBuilder("/file/bot").append(config.botToken());
        for (String segment : filePath.split("/")) {
            if (!segment.isEmpty()) {
                path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return provider.download(provider.request(uri(path.toString())).GET().build());
    }

    /** Delivered with the sent Message's {@code message_id} as external ref and the Message as output. */
    static ActionResult sentMessage(BotApiAnswer answer) {
        JsonNode id = answer.result() == null ? null : answer.result().get("message_id");
        return new ActionResult.Delivered(id != null && id.canConvertToLong() ? id.asText() : null, answer.result());
    }

    /** Delivered without external ref; the output is Telegram's whole answer. */
    static ActionResult wholeAnswer(BotApiAnswer answer) {
        return new ActionResult.Delivered(null, answer.body());
    }

    /**
     * A 2xx answer. One that is not the Bot API's (a proxy's page?) leaves open whether the message went out, and
     * at-least-once says retry.
     */
    private static ActionResult answered(ProviderResponse response, Function<BotApiAnswer, ActionResult> onSuccess) {
        BotApiAnswer answer = BotApiAnswer.parse(response.status(), response.body());
        if (answer.ok()) {
            return onSuccess.apply(answer);
        }
        return answer.body() == null ? ActionResult.retry(answer.reason()) : BotApiErrors.verdict(answer).result();
    }

    private static ActionResult labelled(String method, ActionResult result) {
        return switch (result) {
            case ActionResult.Delivered delivered -> delivered;
            case ActionResult.Retry retry -> ActionResult.retryAfter(retry.after(), method + ": " + retry.reason());
            case ActionResult.Failed failed -> ActionResult.failed(method + ": " + failed.reason());
        };
    }

    private URI uri(String path) {
        return URI.create(config.apiBaseUrl() + path);
    }

    @Override
    public String toString() {
        return "TelegramClient[" + config.apiBaseUrl() + ", bot " + config.botId() + "]";
    }
}
