package io.ponte.api.conversation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a message of a conversation's history stands. Written in lower case on the wire and in the database.
 *
 * @since 2.0.0
 */
public enum MessageStatus {
    /** Queued in the hub, not yet accepted by the provider. */ PENDING,
    /** Came in from the contact (and every note). */ RECEIVED,
    /** Accepted by the provider. */ SENT,
    /** Reached the contact's device. */ DELIVERED,
    /** Read by the contact. */ READ,
    /** Will not be delivered. */ FAILED,
    /** Deleted. */ DELETED;

    /** The written form: the name in lower case. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status written {@code wire}.
     *
     * @throws IllegalArgumentException for a value that names none
     */
    public static MessageStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
