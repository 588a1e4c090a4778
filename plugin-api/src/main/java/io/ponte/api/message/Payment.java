package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A payment at a gateway.
 *
 * @param paymentId the gateway's id; never null
 * @param status    the gateway's status, lower case (e.g. {@code approved}, {@code refunded})
 * @param amount    the amount, or null
 * @param currency  ISO 4217 code, or null
 * @param orderId   the order it pays, or null
 * @param payer     who paid, or null
 * @param method    the payment method (card, pix, boleto ...), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Payment(String paymentId, String status, BigDecimal amount, String currency, String orderId,
                      Party payer, String method) implements Payload {
    /** Requires an id. */
    public Payment {
        Objects.requireNonNull(paymentId, "paymentId");
    }
}
