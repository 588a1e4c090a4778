package io.ponte.plugins.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbound client of {@code message.send}: one POST, one answer. Kept behind an interface so the action's
 * logic (body, signature, outcome) does not depend on the HTTP library.
 *
 * <p>Implementations are thread-safe and return a 3xx answer as it is: {@code message.send} treats it as a failed
 * delivery, as the Standard Webhooks specification recommends (fix the URL instead).
 */
public interface WebhookSender {

    /**
     * POSTs one request.
     *
     * @param request what to send
     * @return the answer, whatever its status
     * @throws java.net.http.HttpTimeoutException when no complete answer came within {@link Request#timeout()}
     * @throws IOException                        when the request could not be sent or the answer not read
     * @throws InterruptedException               when the calling thread was interrupted
     */
    Response post(Request request) throws IOException, InterruptedException;

    /**
     * One POST.
     *
     * @param url     the target; never null
     * @param headers the request headers, in order; never null
     * @param body    the exact body bytes (the signature covers them); never null
     * @param timeout how long to wait for the complete answer; never null
     */
    record Request(URI url, Map<String, String> headers, byte[] body, Duration timeout) {
        /** Checks and copies. */
        public Request {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(timeout, "timeout");
            headers = Map.copyOf(headers);
        }
    }

    /**
     * The answer.
     *
     * @param status  the HTTP status
     * @param headers the response headers by lower-case name; never null
     * @param body    the body, possibly cut at the implementation's size limit; never null
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        /** Copies the headers; null body means empty. */
        public Response {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        /** The first value of a header, by case-insensitive name. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().get(0))
                    .findFirst();
        }
    }
}
