package io.ponte.kit;

import io.ponte.api.message.PhoneNumbers;

/** Phone numbers as CRMs and channels compare them. Stateless; the rule itself is plugin-api's, shared with the hub. */
public final class Phones {

    private Phones() {
    }

    /**
     * A number for search and storage, E.164-style: spaces, dashes, dots, parentheses and anything else that is not
     * a digit dropped, a leading {@code +} kept ({@code "+55 (11) 98765-0001"} → {@code "+5511987650001"}).
     *
     * @param raw the number as a person or a provider wrote it, or null
     * @return the normalized number, or null when {@code raw} is null or holds no digit
     * @see PhoneNumbers#normalize
     */
    public static String normalize(String raw) {
        return PhoneNumbers.normalize(raw);
    }
}
