package io.ponte.api.message;

/**
 * The envelope types the hub and the first-party plugins use. Types are open strings ({@code noun.verb}); plugins
 * may emit their own, but should reuse these where they fit so routes work across providers.
 */
public final class EnvelopeTypes {
    /** A message a contact sent to one of our channels. Payload: {@link ChatMessage}. */
    public static final String MESSAGE_INBOUND = "message.inbound";
    /** A message to send to a contact through a conversation's channel. Payload: {@link ChatMessage}. */
    public static final String MESSAGE_OUTBOUND = "message.outbound";
    /**
     * A message our own account sent outside the hub (from the provider's app, another tool), reported back by the
     * provider (Instagram's echoes). Joins the conversation's history as outbound; never routed as inbound.
     * Payload: {@link ChatMessage} with {@code to} set.
     *
     * @since 1.1.0
     */
    public static final String MESSAGE_ECHO = "message.echo";
    /**
     * A record kept on a conversation that is not a message: a tool call an agent made, a hand-off, usage. Joins the
     * conversation's history as a {@code note}; routes may match it. Payload: {@link GenericPayload}.
     *
     * @since 1.1.0
     */
    public static final String CONVERSATION_NOTE = "conversation.note";
    /** A provider's report on a message we sent (sent, delivered, read, failed). Payload: {@link StatusUpdate}. */
    public static final String MESSAGE_STATUS = "message.status";
    /** An order was created or changed. Payload: {@link Order}. */
    public static final String ORDER_UPDATED = "order.updated";
    /** A payment settled. Payload: {@link Payment}. */
    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    /** A payment failed. Payload: {@link Payment}. */
    public static final String PAYMENT_FAILED = "payment.failed";
    /** A payment waits for the payer (a PIX code not paid yet, a boleto). Payload: {@link Payment}. @since 2.1.0 */
    public static final String PAYMENT_PENDING = "payment.pending";
    /** A payment was refunded or charged back, wholly or in part. Payload: {@link Payment}. @since 2.1.0 */
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    /** A payer disputed a payment. Payload: {@link Payment}. @since 2.1.0 */
    public static final String PAYMENT_DISPUTED = "payment.disputed";
    /** A listing changed (status, price, available quantity). Payload: {@link GenericPayload}. @since 2.1.0 */
    public static final String ITEM_UPDATED = "item.updated";
    /** A contact was created or updated. Payload: {@link Contact}. */
    public static final String CONTACT_UPSERTED = "contact.upserted";
    /**
     * A CRM deal was created or changed (stage, amount); attribute {@code previousStage} when the stage moved.
     * Payload: {@link GenericPayload} with {@code dealId}, {@code title}, {@code stage}, {@code amount},
     * {@code currency}, {@code contactId}. @since 2.1.0
     */
    public static final String DEAL_UPDATED = "deal.updated";
    /** A lead was qualified. Payload: {@link Lead}. */
    public static final String LEAD_QUALIFIED = "lead.qualified";

    private EnvelopeTypes() {
    }
}
