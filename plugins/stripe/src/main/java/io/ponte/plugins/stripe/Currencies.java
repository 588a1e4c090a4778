package io.ponte.plugins.stripe;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/**
 * Stripe's minor units: amounts on the wire are integers in the currency's smallest unit, with Stripe's own
 * exponents (docs.stripe.com/currencies): 0 for the zero-decimal currencies, 3 for the three-decimal ones, 2 for
 * every other (ISK, HUF and TWD included, which Stripe still writes with two decimals). Stateless.
 */
final class Currencies {

    /** Stripe's zero-decimal currencies. */
    static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
            "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    /** Stripe's three-decimal currencies. */
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    /** More digits than any Stripe amount has (8 for most currencies, 12 for a few): Stripe names the limit. */
    private static final int MAX_DIGITS = 15;

    private Currencies() {
    }

    /** The ISO 4217 code in upper case, as the hub's {@code Payment} carries it (Stripe writes lower case). */
    static String code(String currency) {
        return currency == null ? null : currency.toUpperCase(Locale.ROOT);
    }

    /** The digits after the decimal point Stripe counts in minor units. */
    static int exponent(String currency) {
        String code = code(currency);
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        return THREE_DECIMAL.contains(code) ? 3 : 2;
    }

    /** A minor amount in major units: {@code 2000 usd} is {@code 20.00}, {@code 5000 jpy} is {@code 5000}. */
    static BigDecimal major(long minor, String currency) {
        return new BigDecimal(BigInteger.valueOf(minor), exponent(currency));
    }

    /**
     * A major amount in minor units.
     *
     * @throws IllegalArgumentException when the amount is not positive or has more decimals than the currency (in
     *                                  words for the caller: {@code 10.5 JPY})
     */
    static long minor(BigDecimal major, String currency) {
        if (major.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive, not " + major.toPlainString());
        }
        int exponent = exponent(currency);
        BigDecimal minor = major.movePointRight(exponent).stripTrailingZeros();
        if (minor.scale() > 0) {
            throw new IllegalArgumentException("amount " + major.toPlainString() + " " + code(currency) + " has "
                    + "more decimals than the " + exponent + " " + code(currency) + " has at Stripe");
        }
        if (minor.precision() - minor.scale() > MAX_DIGITS) {
            throw new IllegalArgumentException("amount " + major.toPlainString() + " " + code(currency)
                    + " is too large");
        }
        return minor.longValueExact();
    }
}
