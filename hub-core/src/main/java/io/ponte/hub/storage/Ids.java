package io.ponte.hub.storage;

import java.security.SecureRandom;

/**
 * Time-ordered ids: a type prefix, an underscore and a ULID (48-bit millisecond time + 80 random bits, Crockford
 * base32). Ids made by one process are strictly increasing, so sorting by id is sorting by creation.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object LOCK = new Object();
    private static long lastMillis;
    private static long randHi; // 16 bits
    private static long randLo; // 64 bits

    private Ids() {
    }

    /** A new id such as {@code evt_01JD3...}. */
    public static String next(String prefix) {
        long millis;
        long hi;
        long lo;
        synchronized (LOCK) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                randHi = RANDOM.nextInt(1 << 15);
                randLo = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL; // 62 bits: room to count up within one ms
            } else if (++randLo < 0) {
                randLo = 0;
                randHi = (randHi + 1) & 0x7FFF;
            }
            millis = lastMillis;
            hi = randHi;
            lo = randLo;
        }
        // fixed-width big-endian base32: 10 chars of time, 3 chars of hi (15 bits), 13 chars of lo (63 bits)
        char[] out = new char[26];
        encode(millis, out, 0, 10);
        encode(hi, out, 10, 3);
        encode(lo, out, 13, 13);
        return prefix + "_" + new String(out);
    }

    /** The smallest id with this prefix made at {@code millis}: every id made earlier sorts below it. */
    public static String lowerBound(String prefix, long millis) {
        char[] out = new char[26];
        encode(millis, out, 0, 10);
        for (int i = 10; i < 26; i++) {
            out[i] = ALPHABET[0];
        }
        return prefix + "_" + new String(out);
    }

    /** The creation time (epoch ms) of an id made by {@link #next}, read back from its first 10 characters. */
    public static long millis(String id) {
        int start = id.indexOf('_') + 1;
        if (id.length() < start + 26) {
            throw new IllegalArgumentException("not a time-ordered id: " + id);
        }
        long v = 0;
        for (int i = start; i < start + 10; i++) {
            int digit = java.util.Arrays.binarySearch(ALPHABET, Character.toUpperCase(id.charAt(i)));
            if (digit < 0) {
                throw new IllegalArgumentException("not a time-ordered id: " + id);
            }
            v = (v << 5) | digit;
        }
        return v;
    }

    private static void encode(long value, char[] out, int offset, int length) {
        long v = value;
        for (int i = offset + length - 1; i >= offset; i--) {
            out[i] = ALPHABET[(int) (v & 31)];
            v >>>= 5;
        }
    }
}
