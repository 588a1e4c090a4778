package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.testing.TestHub;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** When the database stops keeping up, webhooks are told to come back later instead of piling up in memory. */
class InboxBoundTest {

    @Test
    void a_full_inbox_answers_503_with_retry_after_and_every_request_it_took_is_stored() throws Exception {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector())
                .env("PONTE_INGEST_BATCH_SIZE", "1").start()) { // room for 20 envelopes waiting
            String chat = hub.createConnection("chat", "in", Map.of());
            List<TestHub.Response> answers = new ArrayList<>();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            // the database stops answering anyone but this connection: the inbox writer waits, the queue fills
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + hub.dataDir().resolve("ponte"), "sa", "");
                 Statement s = c.createStatement()) {
                s.execute("SET EXCLUSIVE 1");
                List<Future<TestHub.Response>> sent = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    String body = "[{\"kind\":\"message\",\"id\":\"m" + i + "\",\"from\":\"1" + i + "\",\"text\":\"oi\"}]";
                    sent.add(pool.submit(() -> hub.hook(chat, body)));
                }
                TestHub.await("the refusals", java.time.Duration.ofSeconds(10),
                        () -> sent.stream().filter(Future::isDone).count() >= 30);
                s.execute("SET EXCLUSIVE 0");
                for (Future<TestHub.Response> f : sent) {
                    answers.add(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            List<TestHub.Response> refused = answers.stream().filter(r -> r.status() == 503).toList();
            long stored = answers.stream().filter(r -> r.status() == 200).count();
            assertThat(refused).as("some were told to retry").isNotEmpty();
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.header("Retry-After")).isNotBlank();
                assertThat(r.body()).contains("inbox is full");
            });
            assertThat(stored + refused.size()).isEqualTo(60);
            assertThat(hub.events("connection=" + chat)).hasSize((int) stored);
            assertThat(hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"later\",\"from\":\"1\",\"text\":\"oi\"}]")
                    .status()).as("healthy again").isEqualTo(200);
        }
    }
}
