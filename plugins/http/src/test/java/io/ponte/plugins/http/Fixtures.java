package io.ponte.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.webhook.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the fixtures under {@code src/test/resources/http/} (see the README there) and builds requests. */
final class Fixtures {

    private Fixtures() {
    }

    /** The raw bytes of a fixture. */
    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/http/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture http/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as JSON. */
    static JsonNode json(String path) {
        return TestContext.parse(new String(bytes(path), StandardCharsets.UTF_8));
    }

    /** A POST with these headers (name, value, name, value ...) and body. */
    static WebhookRequest post(byte[] body, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new WebhookRequest("POST", map, Map.of(), body);
    }

    /** A POST with a UTF-8 body. */
    static WebhookRequest post(String body, String... headers) {
        return post(body.getBytes(StandardCharsets.UTF_8), headers);
    }
}
