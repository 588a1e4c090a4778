package io.ponte.hub.contacts;

import io.ponte.api.message.PhoneNumbers;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a contact's identities are written: {@code <kind>:<value>}. The kind is a connector type for a channel address
 * ({@code whatsapp-cloud:5511987650001}, {@code telegram:5011223344}: the conversation's address as the channel
 * writes it) or a CRM id ({@code hubspot:512}), or {@code phone} (E.164, {@code phone:+5511987650001}) or
 * {@code email} (lower case) for what identifies a person on every channel.
 */
public final class Identities {

    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    /** The longest identity (a kind and a conversation's longest address). */
    static final int MAX = 500;

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private Identities() {
    }

    /** The identity of an address on a connector type's channel, or of an id in a CRM. */
    public static String of(String kind, String value) {
        return kind + ":" + value;
    }

    /** {@code phone:+<digits>}, or null when {@code raw} is no E.164 number (see {@link PhoneNumbers#e164}). */
    public static String phone(String raw) {
        String e164 = PhoneNumbers.e164(raw);
        return e164 == null ? null : of(PHONE, e164);
    }

    /** {@code email:<lower case>}, or null when {@code raw} is not shaped like an address. */
    public static String email(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        return EMAIL_SHAPE.matcher(s).matches() && s.length() <= 320 ? of(EMAIL, s) : null;
    }

    /** The kind of an identity (before the first colon). */
    public static String kind(String identity) {
        return identity.substring(0, identity.indexOf(':'));
    }

    /** The value of an identity (after the first colon). */
    public static String value(String identity) {
        return identity.substring(identity.indexOf(':') + 1);
    }

    /**
     * An identity an admin wrote, normalized (a phone to E.164, an e-mail to lower case).
     *
     * @return the identity, never null
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String parse(String written) {
        if (written == null) {
            throw new IllegalArgumentException("must be \"<kind>:<value>\", e.g. \"phone:+5511987650001\", "
                    + "\"email:ana@example.com\", \"telegram:5011223344\" or \"hubspot:512\"");
        }
        int colon = written.indexOf(':');
        if (colon <= 0 || colon == written.length() - 1) {
            throw new IllegalArgumentException("must be \"<kind>:<value>\" (a kind, a colon and a value), e.g. "
                    + "\"phone:+5511987650001\"");
        }
        String kind = written.substring(0, colon);
        String value = written.substring(colon + 1);
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("has kind '" + kind + "'; a kind is 'phone', 'email' or a connector "
                    + "type (lower-case letters, digits, '.', '_' or '-')");
        }
        if (kind.equals(PHONE)) {
            String phone = phone(value);
            if (phone == null) {
                throw new IllegalArgumentException("is not an E.164 phone number (a country code and 8 to 15 digits "
                        + "in all, e.g. +5511987650001)");
            }
            return phone;
        }
        if (kind.equals(EMAIL)) {
            String email = email(value);
            if (email == null) {
                throw new IllegalArgumentException("is not an e-mail address");
            }
            return email;
        }
        if (written.length() > MAX) {
            throw new IllegalArgumentException("is " + written.length() + " characters long; at most " + MAX
                    + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i)) || Character.isSurrogate(value.charAt(i))) {
                throw new IllegalArgumentException("contains a control character or a lone surrogate");
            }
        }
        return written;
    }
}
