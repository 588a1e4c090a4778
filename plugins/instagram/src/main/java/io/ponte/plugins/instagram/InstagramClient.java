package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;

/**
 * The two Graph API calls the connector makes. Implementations are thread-safe, add the bearer token and never put
 * it in an exception message; they read answers with a size cap ({@link io.ponte.kit.AnswerTooLargeException}
 * past it).
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
    ProviderResponse sendMessage(JsonNode body) throws IOException, InterruptedException;

    /**
     * {@code GET /{igUserId}?fields=id,username}: the cheap authenticated call of the health check.
     *
     * @return the answer, whatever its status
     * @throws IOException          when the request could not be made or the answer read
     * @throws InterruptedException when interrupted while waiting
     */
    ProviderResponse account() throws IOException, InterruptedException;
}
