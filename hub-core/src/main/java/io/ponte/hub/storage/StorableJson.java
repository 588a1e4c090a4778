package io.ponte.hub.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.StorableValues;
import java.util.Map;

/**
 * Finds text in a JSON document that the hub cannot store ({@link StorableValues#textProblem}): a NUL character or
 * an unpaired surrogate in a field name or a string value, anywhere. Requests and envelopes are checked with it
 * before anything reads them, so the answer names the field instead of a database failing on it later.
 */
public final class StorableJson {

    /**
     * The first text that cannot be stored.
     *
     * @param field  where it is ({@code payload.from.name}, {@code items[2]}); empty for the top of the document
     * @param reason what is wrong, e.g. {@code contains a NUL character (U+0000)}
     */
    public record Unstorable(String field, String reason) {
    }

    private StorableJson() {
    }

    /**
     * @param node the document
     * @param path where {@code node} is ({@code ""} for the top)
     * @return the first text below {@code node} that cannot be stored, or null when all can
     */
    public static Unstorable find(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = StorableValues.textProblem(node.textValue());
            return problem == null ? null : new Unstorable(path, problem);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Unstorable found = find(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String problem = StorableValues.textProblem(entry.getKey());
                if (problem != null) {
                    return new Unstorable(path, "has a field name that " + problem);
                }
                Unstorable found = find(entry.getValue(), field(path, entry.getKey()));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** {@code path.name}, or {@code name} at the top. */
    public static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
