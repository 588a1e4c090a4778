package io.ponte.api.action;

/**
 * The names of the actions several connectors offer alike, so routes, agents and the hub name them one way. Names
 * are open strings ({@code noun.verb}); a connector may offer its own beside these.
 *
 * @since 2.0.0
 */
public final class ActionNames {

    /** Sends a message to a contact on a channel. Input: {@code {"to", "text" | "content", "replyTo", "buttons"}}. */
    public static final String MESSAGE_SEND = "message.send";
    /** Marks a contact's message as read on a channel. */
    public static final String MESSAGE_READ = "message.read";
    /** Answers the inbound message that caused the delivery: what an agent offers. */
    public static final String AGENT_REPLY = "agent.reply";
    /** Creates or updates a contact (a CRM person, a lead). */
    public static final String CONTACT_UPSERT = "contact.upsert";
    /** Looks an order up by id (a marketplace, a store). */
    public static final String ORDER_GET = "order.get";

    /** Creates a payment link or checkout for an amount. @since 2.1.0 */
    public static final String PAYMENT_LINK_CREATE = "payment.link.create";
    /** Refunds a payment, wholly or in part. @since 2.1.0 */
    public static final String PAYMENT_REFUND = "payment.refund";
    /** Creates a PIX charge (a copy-and-paste code and QR). @since 2.1.0 */
    public static final String PIX_CREATE = "pix.create";
    /** Sets a listing's available quantity, by item id or seller SKU. @since 2.1.0 */
    public static final String ITEM_STOCK_SET = "item.stock.set";
    /**
     * Lowers (or raises) listings' available quantities by what an order took, per seller SKU: how a sale on one
     * marketplace keeps the others in step. @since 2.1.0
     */
    public static final String ITEM_STOCK_ADJUST = "item.stock.adjust";

    /** Creates a deal (an opportunity) linked to a contact in a CRM. @since 2.1.0 */
    public static final String DEAL_CREATE = "deal.create";
    /** Moves a CRM deal along (stage, amount, properties). @since 2.1.0 */
    public static final String DEAL_UPDATE = "deal.update";
    /** Writes a note on a CRM contact or deal. @since 2.1.0 */
    public static final String NOTE_CREATE = "note.create";

    private ActionNames() {
    }
}
