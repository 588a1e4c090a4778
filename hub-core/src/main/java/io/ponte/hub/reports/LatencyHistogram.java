package io.ponte.hub.reports;

import java.util.Arrays;

/**
 * Counts of latencies (ms) in buckets exact below 128 ms and 1/64 of a power of two wide above (under 1.6 % off), so
 * a day of traffic costs a few KiB per minute, not a list of every delivery. Not thread-safe.
 */
final class LatencyHistogram {

    private static final int EXACT = 128;
    private static final int SUB_BITS = 6;

    private int[] counts = new int[EXACT];
    private long total;

    void add(long ms) {
        int i = index(Math.max(0, ms));
        if (i >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(i + 1, counts.length * 2));
        }
        counts[i]++;
        total++;
    }

    /** The nearest-rank percentile ({@code p} in (0, 1]) as its bucket's lower bound, or null when empty. */
    Long percentile(double p) {
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return lowerBound(i);
            }
        }
        throw new IllegalStateException("counts do not add up");
    }

    private static int index(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v); // >= 7
        int sub = (int) ((v >>> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1));
        return EXACT + (exponent - 7) * (1 << SUB_BITS) + sub;
    }

    private static long lowerBound(int index) {
        if (index < EXACT) {
            return index;
        }
        int exponent = 7 + (index - EXACT) / (1 << SUB_BITS);
        int sub = (index - EXACT) % (1 << SUB_BITS);
        return ((long) ((1 << SUB_BITS) + sub)) << (exponent - SUB_BITS);
    }
}
