package io.ponte.hub.admin;

import io.javalin.http.Context;
import io.ponte.api.message.StorableValues;
import io.ponte.hub.errors.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Reading admin requests: JSON bodies (strict, see {@link RequestJson}), query parameters (validated). */
final class Requests {

    private Requests() {
    }

    static <T> T body(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw new MalformedRequestException(415, "unsupported-media-type",
                    "send the body as JSON with Content-Type: application/json");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new MalformedRequestException(400, "malformed-json", "the request body is empty; send a JSON object");
        }
        return RequestJson.read(body, type);
    }

    /**
     * Refuses query parameters the hub cannot use: broken percent-encoding (which Javalin would silently drop, so a
     * filter would quietly match everything), or names and values with a NUL character or an unpaired surrogate.
     * Runs before any handler reads them.
     */
    static void checkQuery(Context ctx) {
        String query = ctx.queryString();
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            String problem = StorableValues.textProblem(name);
            if (problem != null) {
                throw new ValidationException("query", "has a parameter name that " + problem);
            }
            problem = StorableValues.textProblem(eq < 0 ? "" : decode(pair.substring(eq + 1), name));
            if (problem != null) {
                throw new ValidationException(name, problem);
            }
        }
    }

    private static String decode(String raw, String field) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "is not valid percent-encoding: a '%' must be followed by two "
                    + "hexadecimal digits (encode a literal '%' as %25)");
        }
    }

    /** An optional date-time query parameter, such as {@code updatedSince}. */
    static Instant instant(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return null;
        }
        Instant instant = RequestJson.instant(raw);
        if (instant == null) {
            throw RequestJson.badInstant(name);
        }
        return instant;
    }

    static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return 50;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= 1 && v <= 500) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ValidationException("limit", "must be an integer between 1 and 500");
    }

    static String oneOf(Context ctx, String name, List<String> allowed) {
        String raw = ctx.queryParam(name);
        if (raw != null && !allowed.contains(raw)) {
            throw new ValidationException(name, "must be one of " + allowed);
        }
        return raw;
    }
}
