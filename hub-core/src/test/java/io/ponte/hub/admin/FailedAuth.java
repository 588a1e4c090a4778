package io.ponte.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.testing.TestHub;
import java.util.function.Supplier;

/**
 * Refused requests sent until the hub slows them down. The budget ({@value HttpPolicy#FAILED_AUTH_PER_MINUTE} a
 * minute) gives one back every two seconds, so on a loaded machine a few more 401s than the budget are right: as many
 * as came back while the requests were sent, and no more.
 */
final class FailedAuth {

    private static final long REFILL_NANOS = 60_000_000_000L / HttpPolicy.FAILED_AUTH_PER_MINUTE;

    private FailedAuth() {
    }

    /** The first 429, after asserting that every answer before it was a 401 and that there were as many as due. */
    static TestHub.Response untilSlowed(Supplier<TestHub.Response> send) {
        long started = System.nanoTime();
        int refused = 0;
        while (true) {
            TestHub.Response r = send.get();
            if (r.status() == 429) {
                assertThat(refused).as("401s before the first 429").isGreaterThanOrEqualTo(
                        HttpPolicy.FAILED_AUTH_PER_MINUTE);
                return r;
            }
            assertThat(r.status()).as(r.body()).isEqualTo(401);
            refused++;
            long givenBack = (System.nanoTime() - started) / REFILL_NANOS;
            assertThat(refused).as("401s, with %d given back while they were sent", givenBack)
                    .isLessThanOrEqualTo(HttpPolicy.FAILED_AUTH_PER_MINUTE + (int) givenBack);
        }
    }

    /**
     * Whether a client whose budget was just spent is still slowed down: one of a few requests gets 429 (one may get
     * 401 if a permit came back meanwhile; a client with a fresh budget would get {@value
     * HttpPolicy#FAILED_AUTH_PER_MINUTE} of them).
     */
    static boolean stillSlowed(Supplier<TestHub.Response> send) {
        for (int i = 0; i < 3; i++) {
            if (send.get().status() == 429) {
                return true;
            }
        }
        return false;
    }
}
