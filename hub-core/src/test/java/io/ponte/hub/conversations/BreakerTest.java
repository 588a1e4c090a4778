package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A target whose provider fails opens its circuit: its deliveries wait without spending attempts, other targets
 * keep flowing, the connection shows it, and one probe that works closes it again.
 */
class BreakerTest {

    /** A target that answers Retry ("HTTP 503") while {@link #DOWN}, Delivered otherwise, counting its calls. */
    static final class Flaky implements ConnectorFactory {
        static final AtomicBoolean DOWN = new AtomicBoolean(true);
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("flaky", Category.CHANNEL, "Flaky", "a provider that goes down",
                    ConfigSpec.of(), List.of(), List.of(new ActionSpec(ActionNames.MESSAGE_SEND, "sends", null)));
        }

        @Override
        public Connector open(ConnectorContext context) {
            return new Connector() {
                @Override
                public ActionResult invoke(ActionRequest request) {
                    CALLS.incrementAndGet();
                    return DOWN.get() ? ActionResult.retry("HTTP 503 from the provider")
                            : ActionResult.delivered("ok");
                }
            };
        }
    }

    private static String messages(String prefix, int n) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("{\"kind\":\"message\",\"id\":\"").append(prefix).append(i)
                    .append("\",\"from\":\"").append(prefix).append(i).append("\",\"text\":\"").append(prefix)
                    .append("\"}");
        }
        return out.append("]").toString();
    }

    @Test
    void an_open_circuit_holds_deliveries_without_spending_attempts_and_a_working_probe_closes_it() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector(), new Flaky())
                .start()) {
            String chat = hub.createConnection("chat", "in", Map.of());
            String flaky = hub.createConnection("flaky", "down", Map.of());
            String steady = hub.createConnection("chat", "steady", Map.of());
            assertThat(hub.put("/api/v1/connections/" + flaky, TestHub.parse("""
                    {"delivery":{"retrySchedule":["200ms","200ms","200ms","200ms","200ms","200ms"],
                     "breaker":{"window":4,"minimumCalls":4,"failureRatePercent":50,"openSeconds":2,
                                "halfOpenCalls":1}}}""")).status()).isEqualTo(200);
            for (String[] r : new String[][]{{"down", flaky}, {"ok", steady}}) {
                hub.createRoute("""
                        {"name":"to %s","match":{"source":"%s","condition":"payload.content.text.startsWith('%s')"},
                         "actions":[{"target":"%s","action":"message.send","input":{"to":"{{payload.from.address}}",
                         "text":"hi"}}]}""".formatted(r[0], chat, r[0], r[1]));
            }

            assertThat(hub.hook(chat, messages("down", 12)).status()).isEqualTo(200);
            TestHub.await("the circuit to open", Duration.ofSeconds(10), () -> "open".equals(
                    hub.get("/api/v1/connections/" + flaky).json().at("/breaker/state").asText()));
            JsonNode conn = hub.get("/api/v1/connections/" + flaky).json();
            assertThat(conn.at("/health/status").asText()).isEqualTo("degraded");
            assertThat(conn.at("/health/source").asText()).isEqualTo("breaker");
            assertThat(conn.at("/health/detail").asText()).startsWith("circuit open");

            // other targets flow while this one is held
            assertThat(hub.hook(chat, messages("ok", 5)).status()).isEqualTo(200);
            TestHub.await("the steady target's deliveries", Duration.ofSeconds(10),
                    () -> hub.deliveries("connection=" + steady + "&status=delivered").size() == 5);
            // held deliveries wait: with retries every 200 ms their 7 attempts would be spent by now; none died
            assertThat(hub.deliveries("connection=" + flaky + "&status=dead")).isEmpty();

            Flaky.DOWN.set(false);
            TestHub.await("every held delivery delivered once a probe works", Duration.ofSeconds(20),
                    () -> hub.deliveries("connection=" + flaky + "&status=delivered").size() == 12);
            JsonNode closed = hub.get("/api/v1/connections/" + flaky).json();
            assertThat(closed.at("/breaker/state").asText()).isEqualTo("closed");
            assertThat(closed.at("/health/status").asText()).isEqualTo("up");
            assertThat(hub.deliveries("connection=" + flaky + "&status=delivered"))
                    .allSatisfy(d -> assertThat(d.get("attempts").asInt()).isLessThanOrEqualTo(4));
            // one burst before the circuit opened, a probe now and then, one working call each: not 7 tries each
            assertThat(Flaky.CALLS.get()).isLessThan(36);
            assertThat(hub.get("/metrics").body()).contains("ponte_breaker_transitions_total{connection=\""
                    + flaky + "\",to=\"open\"}");
        }
    }

    @Test
    void breaker_settings_are_checked_and_named() {
        try (TestHub hub = TestHub.builder().connectors(new Flaky()).start()) {
            String flaky = hub.createConnection("flaky", "down", Map.of());
            TestHub.Response r = hub.put("/api/v1/connections/" + flaky, TestHub.parse("""
                    {"delivery":{"breaker":{"window":3,"minimumCalls":5,"openSeconds":0,"speed":1}}}"""));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder(
                    "delivery.breaker.minimumCalls", "delivery.breaker.openSeconds", "delivery.breaker.speed");
        }
    }
}
