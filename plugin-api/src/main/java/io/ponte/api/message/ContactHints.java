package io.ponte.api.message;

/**
 * Envelope attributes by which a channel tells the hub who the sender is beyond its address, so that the hub's
 * contacts can recognize one person across channels (the same phone on WhatsApp and Telegram is one contact). Set
 * them only for what the channel itself vouches for as the sender's own: WhatsApp's {@code wa_id} is its phone,
 * a Telegram contact shared with {@code user_id} equal to the sender's is theirs; a contact card someone forwards
 * is not.
 *
 * @since 2.1.0
 */
public final class ContactHints {

    /** The sender's own phone number, E.164 ({@code +5511987650001}); see {@link PhoneNumbers#e164}. */
    public static final String PHONE = "contactPhone";
    /** The sender's own e-mail address. */
    public static final String EMAIL = "contactEmail";

    private ContactHints() {
    }
}
