package io.ponte.api.message;

/**
 * Phone numbers as CRMs, channels and the hub's contacts compare them. Stateless.
 *
 * @since 2.1.0
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /**
     * A number for search and storage, E.164-style: spaces, dashes, dots, parentheses and anything else that is not
     * a digit dropped, a leading {@code +} kept ({@code "+55 (11) 98765-0001"} → {@code "+5511987650001"}).
     *
     * @param raw the number as a person or a provider wrote it, or null
     * @return the normalized number, or null when {@code raw} is null or holds no digit
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        String digits = s.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : (s.startsWith("+") ? "+" : "") + digits;
    }

    /**
     * The number in E.164 form, {@code +} and 8 to 15 digits, for a number written with its country code, with or
     * without the {@code +} ({@code "5511987650001"}, as WhatsApp writes its ids, and {@code "+55 11 98765-0001"}
     * are both {@code "+5511987650001"}). A number without its country code cannot be told apart from one with it;
     * a channel that knows the country should add it first.
     *
     * @param raw the number, or null
     * @return {@code +} and its digits, or null when it has fewer than 8 or more than 15 digits
     */
    public static String e164(String raw) {
        String n = normalize(raw);
        if (n == null) {
            return null;
        }
        String digits = n.startsWith("+") ? n.substring(1) : n;
        return digits.length() < 8 || digits.length() > 15 || digits.startsWith("0") ? null : "+" + digits;
    }
}
