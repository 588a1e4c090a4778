package io.ponte.hub.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ponte.hub.errors.ValidationException;
import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}). {@code type} is stable per kind of problem:
 * {@code urn:ponte:problem:<slug>}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<ValidationException.FieldError> errors) {

    public static Problem of(String slug, String title, int status, String detail, String instance) {
        return new Problem("urn:ponte:problem:" + slug, title, status, detail, instance, null);
    }
}
