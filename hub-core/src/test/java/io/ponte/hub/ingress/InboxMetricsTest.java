package io.ponte.hub.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.conversations.ChatConnectorAccess;
import io.ponte.hub.testing.TestHub;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every event is stored by an inbox group commit (on PostgreSQL the webhook's answer waits for it; on an H2 file its
 * journal answers first and the commit follows), so an operator chasing latency or CPU needs to see those commits:
 * how long they take and how many events share one.
 */
class InboxMetricsTest {

    @Test
    void every_group_commit_is_timed_and_its_events_counted() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            String before = hub.get("/metrics").body();
            double commitsBefore = TestHub.metric(before, "ponte_inbox_commit_seconds_count");
            double eventsBefore = TestHub.metric(before, "ponte_inbox_commit_events_sum");

            assertThat(hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"1\",\"text\":\"a\"},"
                    + "{\"kind\":\"message\",\"id\":\"m2\",\"from\":\"1\",\"text\":\"b\"}]").status()).isEqualTo(200);
            assertThat(hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m3\",\"from\":\"2\",\"text\":\"c\"}]").status())
                    .isEqualTo(200);
            assertThat(hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"1\",\"text\":\"a\"}]").status())
                    .as("a repeat is answered, and its commit counted with the event it tried to store").isEqualTo(200);

            String after = hub.get("/metrics").body();
            assertThat(TestHub.metric(after, "ponte_inbox_commit_events_sum") - eventsBefore)
                    .as("every event handed to a commit, the repeat included").isEqualTo(4.0);
            assertThat(TestHub.metric(after, "ponte_inbox_commit_seconds_count") - commitsBefore)
                    .as("the commits timed (requests answered from the journal may share one)")
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(TestHub.metric(after, "ponte_inbox_commit_seconds_sum")).isPositive();
            assertThat(after).contains("ponte_inbox_commit_seconds_bucket{le=")
                    .contains("ponte_inbox_commit_events_bucket{le=\"1.0\"}");
            assertThat(hub.events("connection=" + chat)).as("what the commits stored").hasSize(3);
        }
    }
}
