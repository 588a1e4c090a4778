package io.ponte.hub.ingress;

import io.ponte.hub.json.HubJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.connector.Poller;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Connectors without webhooks: the hub polls them, stores what they find, and keeps their cursor. */
class PollingTest {

    /** Returns three new items per poll, numbered from the cursor; records the cursors it is given. */
    static final class Counter implements ConnectorFactory {
        static final List<String> CURSORS = new CopyOnWriteArrayList<>();
        /** Which hub's instance polled, in order (the label its factory was made with). */
        static final List<String> POLLED_BY = new CopyOnWriteArrayList<>();
        private final String node;

        Counter() {
            this("");
        }

        Counter(String node) {
            this.node = node;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("counter", Category.GENERIC, "Counter", "polls numbers", ConfigSpec.of(),
                    List.of("order.updated"), List.of());
        }

        @Override
        public Connector open(ConnectorContext context) {
            return new Connector() {
                @Override
                public Optional<Poller> poller() {
                    return Optional.of(new Poller() {
                        @Override
                        public Duration interval() {
                            return Duration.ofSeconds(1);
                        }

                        @Override
                        public Batch poll(Optional<String> cursor) {
                            CURSORS.add(cursor.orElse("<none>"));
                            POLLED_BY.add(node);
                            int from = cursor.map(Integer::parseInt).orElse(0);
                            List<EnvelopeDraft> drafts = new ArrayList<>();
                            for (int i = from + 1; i <= from + 3; i++) {
                                drafts.add(EnvelopeDraft.builder("order.updated", new GenericPayload(
                                        HubJson.mapper().createObjectNode().put("n", i)))
                                        .externalId("item-" + i).build());
                            }
                            return new Batch(drafts, Integer.toString(from + 3));
                        }
                    });
                }
            };
        }
    }

    @Test
    void polls_stores_and_resumes_from_the_kept_cursor_after_a_restart() {
        Counter.CURSORS.clear();
        try (TestHub hub = TestHub.builder().connectors(new Counter()).start()) {
            hub.createConnection("counter", "numbers", Map.of());
            TestHub.await("two polls", Duration.ofSeconds(10), () -> hub.events("").size() >= 6);
            hub.restart();
            int before = Counter.CURSORS.size();
            TestHub.await("a poll after the restart", Duration.ofSeconds(10), () -> Counter.CURSORS.size() > before);
            assertThat(Counter.CURSORS.get(0)).isEqualTo("<none>");
            assertThat(Counter.CURSORS.get(before)).as("resumed, not restarted").isNotEqualTo("<none>");
            List<String> ids = hub.events("type=order.updated").stream().map(e -> e.get("externalId").asText()).toList();
            assertThat(ids).doesNotHaveDuplicates().contains("item-1", "item-6");
        }
    }
}
