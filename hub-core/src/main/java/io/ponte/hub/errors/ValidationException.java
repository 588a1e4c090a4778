package io.ponte.hub.errors;

import java.util.List;

/** A request is invalid; carries every problem found, each naming its field. Answered as 400. */
public class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One problem. */
    public record FieldError(String field, String message) {
    }

    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder();
        for (FieldError e : errors) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(e.field()).append(": ").append(e.message());
        }
        return sb.toString();
    }
}
