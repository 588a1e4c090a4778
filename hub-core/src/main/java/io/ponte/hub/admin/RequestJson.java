package io.ponte.hub.admin;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.ponte.api.message.StorableValues;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.storage.StorableJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the admin API reads JSON, and what its mistakes mean in words a user can act on. Strict: an unknown field is a
 * typo, a duplicate key is ambiguous, {@code 1.5} is not a whole number, a date-time must be storable
 * ({@link StorableValues}), and no text may hold a NUL character or an unpaired surrogate. Every refusal names the
 * field; no Java type or parser internals reach the caller.
 */
public final class RequestJson {

    /** Admin requests are small documents: a deeper nesting than this is an attack, not a config. */
    static final int MAX_DEPTH = 64;
    private static final String INSTANT = "must be an ISO-8601 date-time " + StorableValues.INSTANT_RANGE
            + ", such as 2026-01-01T10:00:00Z";
    private static final Pattern KNOWN_TYPE_IDS = Pattern.compile("known type ids = \\[([^]]*)]");
    private static final ObjectMapper STRICT = strict();

    private RequestJson() {
    }

    private static ObjectMapper strict() {
        ObjectMapper m = HubJson.mapper().copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(new SimpleModule("storable-instants").addDeserializer(Instant.class,
                        new StorableInstantDeserializer()));
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        return m;
    }

    /**
     * Reads a whole request body as {@code type}.
     *
     * @throws ValidationException        naming the field (its value, a duplicate key, bad text)
     * @throws MalformedRequestException  400 when the body is not JSON at all
     */
    static <T> T read(byte[] body, Class<T> type) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw mistake(e, "");
        } catch (IOException e) {
            throw new MalformedRequestException(400, "malformed-json", "the request body cannot be read");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new MalformedRequestException(400, "malformed-json", "the request body must be a JSON object");
        }
        return bind(tree, type, "");
    }

    /**
     * Binds a document (or a part of one already read, such as a message's {@code content}) as {@code type}.
     *
     * @param path where {@code node} is in the request, prefixed to every field named in a refusal
     * @throws ValidationException naming the field
     */
    public static <T> T bind(JsonNode node, Class<T> type, String path) {
        StorableJson.Unstorable text = StorableJson.find(node, path);
        if (text != null) {
            throw new ValidationException(text.field().isEmpty() ? "body" : text.field(), text.reason());
        }
        try {
            return STRICT.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw mistake(e, path);
        }
    }

    /** Parses an admin date-time: ISO-8601 with an offset, in the storable range; null when it is not one. */
    static Instant instant(String text) {
        try {
            Instant instant = Instant.parse(text);
            return StorableValues.isStorable(instant) ? instant : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The refusal of a date-time field, in words. */
    static ValidationException badInstant(String field) {
        return new ValidationException(field, INSTANT);
    }

    private static RuntimeException mistake(JsonProcessingException e, String prefix) {
        if (e instanceof JsonMappingException m) {
            String field = StorableJson.field(prefix, path(m.getPath()));
            return new ValidationException(field.isEmpty() ? "body" : field, meaning(m));
        }
        if (e instanceof StreamConstraintsException) {
            return new MalformedRequestException(400, "malformed-json", "the request body is nested deeper than "
                    + MAX_DEPTH + " levels");
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            String key = parser.getParsingContext().getCurrentName();
            return new ValidationException(StorableJson.field(prefix, path(parser.getParsingContext())),
                    "duplicate key '" + key + "': send each field once");
        }
        return new MalformedRequestException(400, "malformed-json", "the request body is not valid JSON: "
                + describe(message, e.getLocation()));
    }

    /** What a binding mistake means for the field. */
    private static String meaning(JsonMappingException m) {
        if (m instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            return "unknown field" + (known == null || known.isEmpty() ? ""
                    : "; known fields: " + String.join(", ", known.stream().map(String::valueOf).sorted().toList()));
        }
        if (m instanceof InvalidTypeIdException t) {
            Matcher known = KNOWN_TYPE_IDS.matcher(String.valueOf(t.getOriginalMessage()));
            String kinds = known.find() ? "; known: " + known.group(1) : "";
            return t.getTypeId() == null ? "needs a \"kind\"" + kinds : "has an unknown kind '" + t.getTypeId() + "'"
                    + kinds;
        }
        if (m.getCause() instanceof InputCoercionException c) {
            return wholeNumberRange(c.getTargetType());
        }
        if (m instanceof InvalidFormatException f && f.getTargetType() == Instant.class) {
            return INSTANT;
        }
        if (m instanceof MismatchedInputException mi) {
            return expected(mi.getTargetType());
        }
        Throwable cause = m.getCause();
        return cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage()
                : "is not valid here";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "must be a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == Instant.class) {
            return INSTANT;
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "must be a JSON object";
    }

    private static String wholeNumberRange(Class<?> type) {
        if (type == long.class || type == Long.class) {
            return "must be a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }
        return "must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
    }

    /** {@code a.b[2].c} from Jackson's reference chain. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** {@code a.b[2].c} from the parser's position. */
    private static String path(JsonStreamContext context) {
        String path = "";
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String step = c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName();
            path = path.isEmpty() ? step : step + (path.startsWith("[") ? "" : ".") + path;
        }
        return path;
    }

    /** The parser's first line, without Jackson's source excerpt, and where it went wrong. */
    private static String describe(String message, JsonLocation location) {
        String first = message.lines().findFirst().orElse("").replaceAll(" \\(start marker at \\[Source.*", "");
        if (first.length() > 200) {
            first = first.substring(0, 200) + "...";
        }
        return location == null || location.getLineNr() < 0 ? first
                : first + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Date-times the hub can store, or a refusal Jackson reports with the field's path. */
    private static final class StorableInstantDeserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        StorableInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            Instant instant = instant(p.getText());
            if (instant == null) {
                throw InvalidFormatException.from(p, INSTANT, p.getText(), Instant.class);
            }
            return instant;
        }
    }
}
