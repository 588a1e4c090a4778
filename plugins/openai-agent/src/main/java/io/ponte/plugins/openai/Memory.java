package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.api.message.ConversationKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent keeps per conversation in the connection's durable store: facts ({@code memory:<key>}, a flat
 * JSON object of strings), the lead being qualified ({@code lead:<key>}) and the specialist chosen
 * ({@code intent:<key>}). Conversations are served one message at a time, so read-modify-write needs no lock.
 */
final class Memory {

    /** At most this many facts per conversation; the oldest goes when a new one comes. */
    static final int MAX_FACTS = 50;
    static final int MAX_FACT_KEY = 64;
    static final int MAX_FACT_VALUE = 500;

    private final KeyValueStore store;

    Memory(KeyValueStore store) {
        this.store = store;
    }

    /** The facts remembered for a conversation, oldest first. */
    Map<String, String> facts(ConversationKey conversation) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode node = read("memory:" + conversation);
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /**
     * Remembers one fact (a new value replaces the old one).
     *
     * @return null when stored, else why not (for the model)
     */
    String remember(ConversationKey conversation, String key, String value) {
        if (key == null || key.isBlank() || value == null) {
            return "memory_remember needs a non-empty \"key\" and a \"value\"";
        }
        String k = key.strip();
        if (k.length() > MAX_FACT_KEY || value.length() > MAX_FACT_VALUE) {
            return "keys are at most " + MAX_FACT_KEY + " and values at most " + MAX_FACT_VALUE + " characters";
        }
        Map<String, String> facts = facts(conversation);
        facts.remove(k);
        facts.put(k, value.strip());
        while (facts.size() > MAX_FACTS) {
            facts.remove(facts.keySet().iterator().next());
        }
        ObjectNode node = Json.object();
        facts.forEach(node::put);
        store.put("memory:" + conversation, Json.write(node));
        return null;
    }

    /** The lead record of a conversation ({@code {"fields":{...},"closedBy":"<event id>"}}), or an empty one. */
    ObjectNode lead(ConversationKey conversation) {
        JsonNode node = read("lead:" + conversation);
        ObjectNode out = node != null && node.isObject() ? (ObjectNode) node : Json.object();
        if (!out.path("fields").isObject()) {
            out.putObject("fields");
        }
        return out;
    }

    void saveLead(ConversationKey conversation, ObjectNode lead) {
        store.put("lead:" + conversation, Json.write(lead));
    }

    /** The specialist intent kept for a conversation. */
    Optional<String> intent(ConversationKey conversation) {
        return store.get("intent:" + conversation).filter(s -> !s.isBlank());
    }

    void saveIntent(ConversationKey conversation, String intent) {
        store.put("intent:" + conversation, intent);
    }

    private JsonNode read(String key) {
        return store.get(key).map(Json::tryParse).orElse(null);
    }
}
