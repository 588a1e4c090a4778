package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A provider's report on a message we sent.
 *
 * @param messageId    the provider's id of the reported message (the delivery's external ref); never null
 * @param status       what happened; never null
 * @param recipient    the recipient's address, or null
 * @param errorCode    the provider's error code when {@code status} is {@code failed}, or null
 * @param errorMessage the provider's error text when {@code status} is {@code failed}, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusUpdate(String messageId, Status status, String recipient, String errorCode, String errorMessage)
        implements Payload {

    /** Delivery states, in the order a message normally passes them. */
    public enum Status {
        /** Accepted by the provider. */ SENT,
        /** Reached the recipient's device. */ DELIVERED,
        /** Read by the recipient. */ READ,
        /** Will not be delivered. */ FAILED,
        /** Deleted. */ DELETED;

        /** The written form (JSON, the database): the name in lower case. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Requires the message id and status. */
    public StatusUpdate {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
    }
}
