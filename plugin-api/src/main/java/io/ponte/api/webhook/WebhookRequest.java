package io.ponte.api.webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A raw inbound webhook request, as the provider sent it. Verify signatures over {@link #body()} (the exact
 * bytes), never over re-serialized JSON.
 *
 * @param method  {@code GET} or {@code POST}
 * @param headers header values by name; look them up with {@link #header(String)} (case-insensitive)
 * @param query   query parameters by name
 * @param body    the raw body; empty for GET; never null
 */
public record WebhookRequest(String method, Map<String, List<String>> headers, Map<String, List<String>> query,
                             byte[] body) {

    /** Copies the maps; header names become case-insensitive. */
    public WebhookRequest {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(h);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
