package io.ponte.plugins.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Graph API calls the connector makes, one method per endpoint. Implementations authenticate every call with
 * the connection's access token and return the provider's answer as it came (any status): interpreting errors is
 * the caller's job. Thread-safe.
 */
public interface WhatsAppClient {

    /**
     * {@code POST /{phoneNumberId}/messages}: sends a message or marks one as read.
     *
     * @param body the request JSON
     * @return the answer
     * @throws IOException          on network errors and timeouts ({@link java.net.http.HttpTimeoutException})
     * @throws InterruptedException when interrupted while waiting
     */
    Response postMessage(JsonNode body) throws IOException, InterruptedException;

    /**
     * {@code GET /{phoneNumberId}?fields=display_phone_number,verified_name}: the cheap authenticated health probe.
     *
     * @return the answer
     * @throws IOException          on network errors and timeouts
     * @throws InterruptedException when interrupted while waiting
     */
    Response phoneNumber() throws IOException, InterruptedException;

    /**
     * {@code GET /{mediaId}}: the short-lived download URL and metadata of a media file.
     *
     * @param mediaId the media id from a webhook (digits)
     * @return the answer
     * @throws IOException          on network errors and timeouts
     * @throws InterruptedException when interrupted while waiting
     */
    Response mediaInfo(String mediaId) throws IOException, InterruptedException;

    /**
     * {@code GET <url>} with the bearer token: the media bytes, streamed. The caller closes the body.
     *
     * @param url the URL {@link #mediaInfo} returned
     * @return the answer with the body unread
     * @throws IOException          on network errors and timeouts
     * @throws InterruptedException when interrupted while waiting
     */
    Download download(URI url) throws IOException, InterruptedException;

    /**
     * A buffered answer.
     *
     * @param status  the HTTP status
     * @param headers the response headers, names case-insensitive
     * @param body    the body; never null
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        /** Copies the headers case-insensitively. */
        public Response {
            headers = caseInsensitive(headers);
            body = body == null ? new byte[0] : body;
        }

        /** The first value of a header. */
        public Optional<String> header(String name) {
            return first(headers, name);
        }
    }

    /**
     * A streamed answer.
     *
     * @param status  the HTTP status
     * @param headers the response headers, names case-insensitive
     * @param body    the unread body; the caller closes it
     */
    record Download(int status, Map<String, List<String>> headers, InputStream body) {
        /** Copies the headers case-insensitively. */
        public Download {
            headers = caseInsensitive(headers);
            body = body == null ? InputStream.nullInputStream() : body;
        }

        /** The first value of a header. */
        public Optional<String> header(String name) {
            return first(headers, name);
        }
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
