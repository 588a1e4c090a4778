package io.ponte.hub.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

/** What a breaker shows moves with the health it reports, never ahead of it. */
class ConnectionBreakerTest {

    @Test
    void a_reader_never_sees_the_circuit_open_before_the_connection_is_reported_degraded() {
        List<String> seenWhileReporting = new ArrayList<>();
        AtomicReference<ConnectionBreaker> breaker = new AtomicReference<>();
        breaker.set(new ConnectionBreaker("c1", new BreakerSettings(true, 50, 4, 4, Duration.ofSeconds(30), 1),
                Clock.systemUTC(), h -> seenWhileReporting.add(h.status() + " while " + breaker.get().state()),
                new SimpleMeterRegistry()));

        for (int i = 0; i < 4; i++) {
            assertThat(breaker.get().acquire()).isNull();
            breaker.get().record(ActionResult.retry("HTTP 503"), Duration.ofMillis(5));
        }

        // Resilience4j has its own state "open" when it tells its listeners; what the breaker shows waits for the report
        assertThat(seenWhileReporting).containsExactly(Health.Status.DEGRADED + " while closed");
        assertThat(breaker.get().state()).isEqualTo("open");
        assertThat(breaker.get().acquire()).isNotNull();
    }

    @Test
    void a_change_told_late_does_not_overwrite_the_state_a_later_change_showed() throws Exception {
        // thread A moves the circuit to half-open and is held before its listener runs; meanwhile another call takes
        // the probe's permission, works and closes the circuit; A's late "half_open" must not be what stays shown
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry() {
            @Override
            public Counter counter(String name, String... tags) {
                if (List.of(tags).contains("half_open") && held.getCount() > 0) {
                    held.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.counter(name, tags);
            }
        };
        List<Health.Status> reported = new ArrayList<>();
        ConnectionBreaker breaker = new ConnectionBreaker("c1", new BreakerSettings(true, 50, 1, 1,
                Duration.ofSeconds(1), 1), Clock.systemUTC(), h -> reported.add(h.status()), meters);
        assertThat(breaker.acquire()).isNull();
        breaker.record(ActionResult.retry("HTTP 503"), Duration.ofMillis(5));
        assertThat(breaker.state()).isEqualTo("open");
        Thread.sleep(1_100);

        Thread a = Thread.ofVirtual().start(() -> {
            if (breaker.acquire() == null) {
                breaker.record(ActionResult.delivered("ok"), Duration.ofMillis(5));
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(breaker.acquire()).isNull();
        breaker.record(ActionResult.delivered("ok"), Duration.ofMillis(5));
        assertThat(breaker.state()).isEqualTo("closed");
        release.countDown();
        a.join(10_000);

        assertThat(breaker.state()).isEqualTo("closed");
        assertThat(reported).containsExactly(Health.Status.DEGRADED, Health.Status.UP);
    }
}
