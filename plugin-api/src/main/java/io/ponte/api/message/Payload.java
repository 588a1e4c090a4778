package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The typed body of an {@link Envelope}. Sealed: mapping code switches over it exhaustively. The JSON form has a
 * {@code kind} discriminator: {@code chat}, {@code status}, {@code order}, {@code payment}, {@code contact},
 * {@code lead}, {@code generic}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChatMessage.class, name = "chat"),
        @JsonSubTypes.Type(value = StatusUpdate.class, name = "status"),
        @JsonSubTypes.Type(value = Order.class, name = "order"),
        @JsonSubTypes.Type(value = Payment.class, name = "payment"),
        @JsonSubTypes.Type(value = Contact.class, name = "contact"),
        @JsonSubTypes.Type(value = Lead.class, name = "lead"),
        @JsonSubTypes.Type(value = GenericPayload.class, name = "generic")
})
public sealed interface Payload permits ChatMessage, StatusUpdate, Order, Payment, Contact, Lead, GenericPayload {
}
