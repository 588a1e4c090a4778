package io.ponte.testkit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request a {@link FakeProvider} received, as it came.
 *
 * @param method  the HTTP method
 * @param path    the raw path
 * @param query   the raw query, or null
 * @param headers the headers, names lower-cased
 * @param body    the raw body; never null
 */
public record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    /** Copies. */
    public Recorded {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON, read with the model's settings (decimals exact). */
    public JsonNode bodyJson() {
        try {
            return FakeProvider.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the body is not JSON: " + bodyText(), e);
        }
    }

    /** The query's parameters, decoded; the first value of each. */
    public Map<String, String> queryParams() {
        return form(query);
    }

    /** The body's {@code application/x-www-form-urlencoded} parameters, decoded; the first value of each. */
    public Map<String, String> formParams() {
        return form(bodyText());
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }
}
