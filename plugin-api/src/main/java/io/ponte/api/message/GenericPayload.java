package io.ponte.api.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Anything without a type yet, as JSON. JSON form: {@code {"kind":"generic","data":{...}}}.
 *
 * @param data the JSON; never null
 */
public record GenericPayload(JsonNode data) implements Payload {
    /** Requires data. */
    public GenericPayload {
        Objects.requireNonNull(data, "data");
    }
}
