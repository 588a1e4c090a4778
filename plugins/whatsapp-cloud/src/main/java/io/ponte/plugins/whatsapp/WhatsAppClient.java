package io.ponte.plugins.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

/**
 * The Graph API calls the connector makes, one method per endpoint. Implementations authenticate every call with
 * the connection's access token and return the provider's answer as it came (any status): interpreting errors is
 * the caller's job. API answers are read with a size cap ({@link io.ponte.kit.AnswerTooLargeException} past it);
 * media downloads are streamed, and the hub caps what it copies. Thread-safe.
 */
public interface WhatsAppClient {

    /**
     * {@code POST /{phoneNumberId}/messages}: sends a message or marks one as read.
     *
     * @param body the request JSON
     * @return the answer
     * @throws IOException          on network errors, timeouts ({@link java.net.http.HttpTimeoutException}) and
     *                              answers over the cap ({@link io.ponte.kit.AnswerTooLargeException})
     * @throws InterruptedException when interrupted while waiting
     */
    ProviderResponse postMessage(JsonNode body) throws IOException, InterruptedException;

    /**
     * {@code GET /{phoneNumberId}?fields=display_phone_number,verified_name}: the cheap authenticated health probe.
     *
     * @return the answer
     * @throws IOException          on network errors and timeouts
     * @throws InterruptedException when interrupted while waiting
     */
    ProviderResponse phoneNumber() throws IOException, InterruptedException;

    /**
     * {@code GET /{mediaId}}: the short-lived download URL and metadata of a media file.
     *
     * @param mediaId the media id from a webhook (digits)
     * @return the answer
     * @throws IOException          on network errors and timeouts
     * @throws InterruptedException when interrupted while waiting
     */
    ProviderResponse mediaInfo(String mediaId) throws IOException, InterruptedException;

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
     * A streamed answer.
     *
     * @param status  the HTTP status
     * @param headers the response headers, names case-insensitive
     * @param body    the unread body; the caller closes it
     */
    record Download(int status, HttpHeaders headers, InputStream body) {
        /** Null headers mean none, a null body means empty. */
        public Download {
            headers = headers == null ? HttpHeaders.of(Map.of(), (name, value) -> true) : headers;
            body = body == null ? InputStream.nullInputStream() : body;
        }

        /** The first value of a header, by case-insensitive name. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }
}
