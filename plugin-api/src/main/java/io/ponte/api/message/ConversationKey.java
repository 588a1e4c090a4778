package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one conversation: one contact on one channel connection. Written {@code <connection id>:<contact address>}
 * (the connection id never holds a colon; the address may), which is how {@link Envelope#conversation()}, the
 * admin API and the database carry it. Immutable.
 *
 * @param connectionId the channel connection ({@code con_...}); never blank, never holds a colon
 * @param address      the contact's address on that channel (a phone number, a chat id, an Instagram-scoped id);
 *                     never blank
 * @since 2.0.0
 */
public record ConversationKey(String connectionId, String address) {

    /** Checks both parts. */
    public ConversationKey {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(address, "address");
        if (connectionId.isBlank() || connectionId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a conversation's connection id is not blank and holds no colon");
        }
        if (address.isBlank()) {
            throw new IllegalArgumentException("a conversation's contact address is not blank");
        }
    }

    /**
     * Reads a key written {@code <connection id>:<contact address>}.
     *
     * @param key the written key, or null
     * @return the key, or empty when {@code key} is null or not of that form
     */
    public static Optional<ConversationKey> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        int colon = key.indexOf(':');
        if (colon <= 0 || key.substring(0, colon).isBlank() || key.substring(colon + 1).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ConversationKey(key.substring(0, colon), key.substring(colon + 1)));
    }

    /**
     * Reads a key that must be well formed (from JSON, say).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    @JsonCreator
    public static ConversationKey of(String key) {
        return parse(key).orElseThrow(() -> new IllegalArgumentException(
                "a conversation key is written <connection id>:<contact address>"));
    }

    /** The written form, {@code <connection id>:<contact address>}. */
    @JsonValue
    @Override
    public String toString() {
        return connectionId + ":" + address;
    }
}
