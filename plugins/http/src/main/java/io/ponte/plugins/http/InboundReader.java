package io.ponte.plugins.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.StorableValues;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.http.model.InboundAttachment;
import io.ponte.plugins.http.model.InboundMessage;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and validates an inbound webhook body: one message object, or an array of up to {@value #MAX_BATCH}.
 * Every problem is a 400 whose detail names the field and, in arrays, the index ({@code messages[2].from is
 * required}), so the sender can fix its request without reading our logs. Unknown fields are ignored, so senders
 * may include more than we read.
 */
public final class InboundReader {

    /** The most messages one request may carry. */
    public static final int MAX_BATCH = 100;
    /** The longest {@code id}, {@code from} and {@code name}. */
    public static final int MAX_SHORT = 200;
    /** The longest {@code conversation} (an outbound key is a connection id, a colon and an address). */
    public static final int MAX_CONVERSATION = 300;
    /** The longest {@code text}: the hub's limit for message text, 64 Ki characters. */
    public static final int MAX_TEXT = Content.Text.MAX_LENGTH;
    /** The most attachments on one message. */
    public static final int MAX_ATTACHMENTS = 20;
    /** The longest attachment {@code url}. */
    public static final int MAX_URL = 2_048;
    /** The longest attachment {@code caption}. */
    public static final int MAX_CAPTION = 4_096;
    /** The longest attachment {@code fileName} and {@code mimeType}. */
    public static final int MAX_FILE_NAME = 255;
    /** The most {@code attributes} entries. */
    public static final int MAX_ATTRIBUTES = 50;
    /** The longest attribute key. */
    public static final int MAX_ATTRIBUTE_KEY = 100;
    /** The longest attribute value. */
    public static final int MAX_ATTRIBUTE_VALUE = 1_000;

    // A reader of the plugin's mapper (never a reconfigured mapper): trailing garbage after the JSON value must be
    // an error, not silently ignored.
    private static final ObjectReader READER = PluginJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String MEDIA_TYPES = Arrays.stream(Content.MediaType.values())
            .map(Content.MediaType::wire).collect(Collectors.joining(", "));

    private InboundReader() {
    }

    /**
     * Parses a raw body.
     *
     * @param body the raw request body
     * @return the messages, in the sender's order; empty for an empty array
     * @throws WebhookRejectedException 400 with a precise detail
     */
    public static List<InboundMessage> read(byte[] body) {
        if (body.length == 0) {
            throw bad("body is empty: send a JSON message object or an array of them");
        }
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad("body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw bad("body is not valid JSON: " + e.getClass().getSimpleName());
        }
        if (root == null || root.isMissingNode()) {
            throw bad("body is empty: send a JSON message object or an array of them");
        }
        if (root.isObject()) {
            return List.of(message(root, ""));
        }
        if (!root.isArray()) {
            throw bad("body must be a JSON object or an array of objects, not " + kind(root));
        }
        if (root.size() > MAX_BATCH) {
            throw bad("body holds " + root.size() + " messages; at most " + MAX_BATCH + " per request");
        }
        List<InboundMessage> messages = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (!item.isObject()) {
                throw bad("messages[" + i + "] must be a JSON object, not " + kind(item));
            }
            messages.add(message(item, "messages[" + i + "]."));
        }
        return messages;
    }

    private static InboundMessage message(JsonNode node, String path) {
        String type = type(node, path);
        boolean outbound = EnvelopeTypes.MESSAGE_OUTBOUND.equals(type);
        String id = string(node, "id", path, MAX_SHORT, true);
        String from = string(node, "from", path, MAX_SHORT, !outbound);
        String name = string(node, "name", path, MAX_SHORT, false);
        String conversation = string(node, "conversation", path, MAX_CONVERSATION, false);
        String text = string(node, "text", path, MAX_TEXT, false);
        Instant occurredAt = instant(node, "occurredAt", path);
        List<InboundAttachment> attachments = attachments(node, path);
        Map<String, String> attributes = attributes(node, path);
        if (outbound) {
            if (conversation == null) {
                throw bad(path + "conversation is required when type is message.outbound");
            }
            ConversationKey key = conversationKey(conversation, path);
            if (text == null) {
                throw bad(path + "text is required when type is message.outbound");
            }
            if (!attachments.isEmpty()) {
                throw bad(path + "attachments are not supported when type is message.outbound");
            }
            return new InboundMessage(type, id, from, name, null, key, text, occurredAt, attachments, attributes);
        }
        if (text == null && attachments.isEmpty()) {
            throw bad(path + "text is required when there are no attachments");
        }
        return new InboundMessage(type, id, from, name, conversation != null ? conversation : from, null, text,
                occurredAt, attachments, attributes);
    }

    private static ConversationKey conversationKey(String conversation, String path) {
        try {
            return ConversationKey.of(conversation);
        } catch (IllegalArgumentException e) {
            // of(), not parse(): parse throws too for a connection id that is only spaces
            throw bad(path + "conversation must be a conversation key <connectionId>:<address> when type is "
                    + "message.outbound");
        }
    }

    private static String type(JsonNode node, String path) {
        JsonNode value = node.get("type");
        if (value == null || value.isNull()) {
            return EnvelopeTypes.MESSAGE_INBOUND;
        }
        if (value.isTextual() && (value.textValue().equals(EnvelopeTypes.MESSAGE_INBOUND)
                || value.textValue().equals(EnvelopeTypes.MESSAGE_OUTBOUND))) {
            return value.textValue();
        }
        throw bad(path + "type must be message.inbound (the default) or message.outbound");
    }

    private static List<InboundAttachment> attachments(JsonNode node, String path) {
        JsonNode value = node.get("attachments");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw bad(path + "attachments must be an array of objects");
        }
        if (value.size() > MAX_ATTACHMENTS) {
            throw bad(path + "attachments holds " + value.size() + " items; at most " + MAX_ATTACHMENTS);
        }
        List<InboundAttachment> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String at = path + "attachments[" + i + "]";
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw bad(at + " must be a JSON object, not " + kind(item));
            }
            String url = string(item, "url", at + ".", MAX_URL, true);
            if (!isHttpUrl(url)) {
                throw bad(at + ".url must be an absolute http(s) URL");
            }
            String type = string(item, "type", at + ".", MAX_SHORT, true);
            Content.MediaType mediaType = Arrays.stream(Content.MediaType.values())
                    .filter(t -> t.wire().equals(type.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> bad(at + ".type must be one of " + MEDIA_TYPES));
            out.add(new InboundAttachment(url, mediaType,
                    string(item, "mimeType", at + ".", MAX_FILE_NAME, false),
                    string(item, "caption", at + ".", MAX_CAPTION, false),
                    string(item, "fileName", at + ".", MAX_FILE_NAME, false)));
        }
        return out;
    }

    private static Map<String, String> attributes(JsonNode node, String path) {
        JsonNode value = node.get("attributes");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw bad(path + "attributes must be a JSON object of string values");
        }
        if (value.size() > MAX_ATTRIBUTES) {
            throw bad(path + "attributes holds " + value.size() + " entries; at most " + MAX_ATTRIBUTES);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = entry.getKey();
            if (key.isEmpty() || length(key) > MAX_ATTRIBUTE_KEY) {
                throw bad(path + "attributes keys must be 1 to " + MAX_ATTRIBUTE_KEY + " characters");
            }
            storable(key, path + "attributes has a key that");
            JsonNode v = entry.getValue();
            if (!v.isTextual() || length(v.textValue()) > MAX_ATTRIBUTE_VALUE) {
                throw bad(path + "attributes." + key + " must be a string of at most " + MAX_ATTRIBUTE_VALUE
                        + " characters");
            }
            storable(v.textValue(), path + "attributes." + key);
            out.put(key, v.textValue());
        }
        return out;
    }

    private static Instant instant(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String problem = path + field + " must be an ISO-8601 date-time with offset " + StorableValues.INSTANT_RANGE
                + ", e.g. 2026-01-01T10:00:00Z";
        if (!value.isTextual()) {
            throw bad(problem);
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(problem);
        }
        if (!StorableValues.isStorable(instant)) {
            throw bad(problem);
        }
        return instant;
    }

    private static String string(JsonNode node, String field, String path, int max, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw bad(path + field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || length(value.textValue()) > max) {
            throw bad(path + field + " must be a string of at most " + max + " characters");
        }
        if (value.textValue().isBlank()) {
            throw bad(path + field + " must not be blank");
        }
        storable(value.textValue(), path + field);
        return value.textValue();
    }

    private static void storable(String value, String field) {
        String problem = StorableValues.textProblem(value);
        if (problem != null) {
            throw bad(field + " " + problem + "; the hub stores only valid Unicode text without NUL characters");
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String describe(JsonProcessingException e) {
        // The original message without Jackson's "[Source: ...]" suffix, plus where it went wrong.
        String message = e.getOriginalMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        String first = message == null ? e.getClass().getSimpleName()
                : newline < 0 ? message : message.substring(0, newline);
        if (first.length() > 200) {
            first = first.substring(0, 200) + "...";
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 0 ? first
                : first + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static WebhookRejectedException bad(String detail) {
        return WebhookRejectedException.badRequest(detail);
    }
}
