package io.ponte.plugins.stripe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An {@code application/x-www-form-urlencoded} request body in Stripe's bracket notation
 * ({@code line_items[0][price_data][currency]=usd}), parameters in the order they were added. Keys and values are
 * percent-encoded whole (brackets included), as Stripe's own libraries send them. Not thread-safe.
 */
final class FormBody {

    private final Map<String, String> params = new LinkedHashMap<>();

    /** Adds a parameter; a null value is left out. */
    FormBody put(String key, Object value) {
        if (value != null) {
            params.put(key, value.toString());
        }
        return this;
    }

    /** Adds every entry of a map under {@code prefix[<key>]} (Stripe's {@code metadata[...]}). */
    FormBody putAll(String prefix, Map<String, String> values) {
        values.forEach((k, v) -> put(prefix + "[" + k + "]", v));
        return this;
    }

    /** The parameters so far, in order. */
    Map<String, String> params() {
        return Map.copyOf(params);
    }

    /** The encoded body. */
    String encoded() {
        return params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
