package io.ponte.plugins.http;

import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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
     * @throws io.ponte.kit.AnswerTooLargeException when the answer passed the implementation's size cap
     * @throws IOException                        when the request could not be sent or the answer not read
     * @throws InterruptedException               when the calling thread was interrupted
     */
    ProviderResponse post(Request request) throws IOException, InterruptedException;

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
}
