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

    private ActionNames() {
    }
}
