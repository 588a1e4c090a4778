package io.ponte.api.message;

import java.util.Objects;

/**
 * Someone on a channel: a contact or one of our own numbers/bots.
 *
 * @param address the channel-specific address (E.164 digits for WhatsApp, chat id for Telegram, IG-scoped id ...);
 *                never null
 * @param name    the display name the provider gave, or null
 */
public record Party(String address, String name) {
    /** Requires an address. */
    public Party {
        Objects.requireNonNull(address, "address");
    }

    /** A party known only by address. */
    public static Party of(String address) {
        return new Party(address, null);
    }
}
