package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.FieldType;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One tenant's hanging endpoint never holds every dispatch slot; everyone else keeps flowing. */
class FairShareTest {

    /** A target whose sends hang until released when its config says {@code hang}. */
    static final class Gate implements ConnectorFactory {
        static final ConfigField HANG = ConfigField.optional("hang", FieldType.BOOLEAN,
                "sends hang until released");
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        static final AtomicInteger HANGING = new AtomicInteger();
        static final AtomicInteger MOST_HANGING = new AtomicInteger();

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("gate", Category.CHANNEL, "Gate", "a target that may hang",
                    ConfigSpec.of(HANG),
                    List.of(), List.of(new ActionSpec("message.send", "sends", null)));
        }

        @Override
        public Connector open(ConnectorContext context) {
            boolean hang = context.config().bool(HANG);
            return new Connector() {
                @Override
                public ActionResult invoke(ActionRequest request) {
                    if (hang) {
                        MOST_HANGING.accumulateAndGet(HANGING.incrementAndGet(), Math::max);
                        try {
                            RELEASE.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            HANGING.decrementAndGet();
                        }
                    }
                    return ActionResult.delivered("ok");
                }
            };
        }
    }

    @Test
    void a_hanging_target_leaves_a_reserve_of_slots_and_other_connections_are_delivered_meanwhile() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector(), new Gate())
                .env("PONTE_DISPATCH_CONCURRENCY", "8").start()) {
            String chat = hub.createConnection("chat", "in", Map.of());
            String stuck = hub.createConnection("gate", "stuck", Map.of("hang", true));
            String fine = hub.createConnection("gate", "fine", Map.of());
            assertThat(hub.put("/api/v1/connections/" + stuck, TestHub.parse(
                    "{\"delivery\":{\"timeoutSeconds\":120}}")).status()).isEqualTo(200);
            hub.createRoute("""
                    {"name":"to stuck","match":{"source":"%s","condition":"payload.content.text == 'stuck'"},
                     "actions":[{"target":"%s","action":"message.send","input":{"to":"{{payload.from.address}}"}}]}"""
                    .formatted(chat, stuck));
            hub.createRoute("""
                    {"name":"to fine","match":{"source":"%s","condition":"payload.content.text == 'fine'"},
                     "actions":[{"target":"%s","action":"message.send","input":{"to":"{{payload.from.address}}"}}]}"""
                    .formatted(chat, fine));
            try {
                StringBuilder first = new StringBuilder("[");
                for (int i = 0; i < 40; i++) {
                    first.append(i == 0 ? "" : ",").append("{\"kind\":\"message\",\"id\":\"s").append(i)
                            .append("\",\"from\":\"1").append(i).append("\",\"text\":\"stuck\"}");
                }
                assertThat(hub.hook(chat, first.append("]").toString()).status()).isEqualTo(200);
                TestHub.await("the stuck target to take its share", Duration.ofSeconds(10),
                        () -> Gate.HANGING.get() >= 2);

                StringBuilder then = new StringBuilder("[");
                for (int i = 0; i < 20; i++) {
                    then.append(i == 0 ? "" : ",").append("{\"kind\":\"message\",\"id\":\"f").append(i)
                            .append("\",\"from\":\"2").append(i).append("\",\"text\":\"fine\"}");
                }
                assertThat(hub.hook(chat, then.append("]").toString()).status()).isEqualTo(200);
                TestHub.await("every delivery to the healthy target", Duration.ofSeconds(15),
                        () -> hub.deliveries("connection=" + fine + "&status=delivered").size() == 20);
                // the node runs 8 at once; beyond its fair quarter one target may only take slots while a quarter
                // stays free for the others
                assertThat(Gate.MOST_HANGING.get()).isLessThanOrEqualTo(6);
                assertThat(hub.deliveries("connection=" + stuck + "&status=delivered")).isEmpty();
            } finally {
                Gate.RELEASE.countDown();
            }
            TestHub.await("the stuck target to drain once released", Duration.ofSeconds(30),
                    () -> hub.deliveries("connection=" + stuck + "&status=delivered").size() == 40);
        }
    }
}
