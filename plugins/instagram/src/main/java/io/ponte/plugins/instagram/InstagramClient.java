package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The two Graph API calls the connector makes. Implementations are thread-safe, add the bearer token and never put
 * it in an exception message.
 */
public interface InstagramClient {

    /**
     * {@code POST /{igUserId}/messages} with this JSON body (the Send API).
     *
     * @param body the request body
     * @return the answer, whatever its status
     * @throws java.net.http.HttpTimeoutException when no answer came in time
     * @throws IOException                         when the request could not be made or the answer read
     * @throws InterruptedException                when interrupted while waiting
     */
    Response sendMessage(JsonNode body) throws IOException, InterruptedException;

    /**
     * {@code GET /{igUserId}?fields=id,username}: the cheap authenticated call of the health check.
     *
     * @return the answer, whatever its status
     * @throws IOException          when the request could not be made or the answer read
     * @throws InterruptedException when interrupted while waiting
     */
    Response account() throws IOException, InterruptedException;

    /**
     * One HTTP answer.
     *
     * @param status  the status code
     * @param headers the headers, names lower case
     * @param body    the raw body; never null
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** Copies the headers with lower-case names; null body means empty. */
        public Response {
            Map<String, List<String>> lower = new java.util.TreeMap<>();
            (headers == null ? Map.<String, List<String>>of() : headers)
                    .forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            headers = java.util.Collections.unmodifiableMap(lower);
            body = body == null ? new byte[0] : body;
        }

        /** The first value of a header. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** Whether the status is 2xx. */
        public boolean successful() {
            return status >= 200 && status < 300;
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
