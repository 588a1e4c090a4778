package io.ponte.hub.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
}
