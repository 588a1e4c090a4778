package io.ponte.hub.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.javalin.http.Context;
import io.ponte.api.message.MessageJson;
import java.util.List;

/** Reading admin requests: JSON bodies (strict), query parameters (validated). */
final class Requests {

    // Admin requests are strict: an unknown field is a typo to report, not to ignore.
    private static final ObjectMapper STRICT = strict();

    /** Admin requests are small documents: a deeper nesting than this is an attack, not a config. */
    static final int MAX_DEPTH = 64;

    private static ObjectMapper strict() {
        ObjectMapper m = MessageJson.mapper().copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).build());
        return m;
    }

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
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw new MalformedRequestException(400, "malformed-json", "the request body must be a JSON object");
            }
            return value;
        } catch (MismatchedInputException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            throw new ValidationException(path, e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", ""));
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException(400, "malformed-json", "the request body is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedRequestException(400, "malformed-json", "the request body cannot be read");
        }
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
