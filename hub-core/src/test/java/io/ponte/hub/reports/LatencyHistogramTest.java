package io.ponte.hub.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentiles_are_exact_below_128_ms_and_within_a_64th_above() {
        LatencyHistogram small = new LatencyHistogram();
        for (long v = 1; v <= 100; v++) {
            small.add(v);
        }
        assertThat(small.percentile(0.50)).isEqualTo(50);
        assertThat(small.percentile(0.95)).isEqualTo(95);
        assertThat(new LatencyHistogram().percentile(0.5)).isNull();

        Random random = new Random(7);
        long[] values = new long[10_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(random.nextDouble() * Math.log(3_600_000)); // 1 ms .. 1 h
            h.add(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[]{0.5, 0.95, 0.99, 1.0}) {
            long exact = values[(int) Math.ceil(p * values.length) - 1];
            assertThat(h.percentile(p)).as("p%s", p).isBetween((long) Math.floor(exact * (1 - 1.0 / 64)), exact);
        }
    }
}
