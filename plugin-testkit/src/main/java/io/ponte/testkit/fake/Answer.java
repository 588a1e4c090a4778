package io.ponte.testkit.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link FakeProvider} answers: a status, headers, a body, and how long to wait first.
 *
 * @param status  the HTTP status
 * @param headers the response headers (Content-Type among them)
 * @param body    the body; never null
 * @param delay   how long to wait before answering; never null
 */
public record Answer(int status, Map<String, String> headers, byte[] body, Duration delay) {

    /** Copies and checks. */
    public Answer {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(delay, "delay");
    }

    /** A JSON answer from JSON text. */
    public static Answer json(int status, String json) {
        return new Answer(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8),
                Duration.ZERO);
    }

    /** A JSON answer of a tree or record. */
    public static Answer json(int status, Object value) {
        try {
            return new Answer(status, Map.of("Content-Type", "application/json"),
                    FakeProvider.JSON.writeValueAsBytes(value), Duration.ZERO);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A plain-text answer. */
    public static Answer text(int status, String text) {
        return new Answer(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    /** An answer of raw bytes. */
    public static Answer bytes(int status, String contentType, byte[] body) {
        return new Answer(status, Map.of("Content-Type", contentType), body, Duration.ZERO);
    }

    /** This answer with one more header. */
    public Answer withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Answer(status, copy, body, delay);
    }

    /** This answer, sent after {@code wait}. */
    public Answer after(Duration wait) {
        return new Answer(status, headers, body, wait);
    }
}
