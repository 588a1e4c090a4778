package io.ponte.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The MCP tool calls' once-only records on every database: one claim per key, replays, and retries after retry. */
class McpCallStoreTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static Database open(TestDatabase db) throws Exception {
        return OutboxStoreTest.open(db);
    }

    private static McpCallStore.Row call(String id, String hash) {
        return new McpCallStore.Row(id, "default", "key_A", "con_A", "message.send", hash, McpCallStore.RUNNING,
                null, 1, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void only_one_of_many_racing_claims_of_a_key_runs_and_the_others_see_its_row(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            McpCallStore calls = new Stores(database.jdbi()).mcpCalls();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Optional<McpCallStore.Row>>> claims = new java.util.ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    claims.add(pool.submit(() -> calls.claim(call("k1", "h"))));
                }
                int won = 0;
                for (Future<Optional<McpCallStore.Row>> f : claims) {
                    Optional<McpCallStore.Row> other = f.get();
                    if (other.isEmpty()) {
                        won++;
                    } else {
                        assertThat(other.get().status()).isEqualTo(McpCallStore.RUNNING);
                    }
                }
                assertThat(won).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_finished_call_is_replayed_and_only_a_retry_outcome_lets_the_same_call_run_again(TestDatabase db)
            throws Exception {
        try (Database database = open(db)) {
            McpCallStore calls = new Stores(database.jdbi()).mcpCalls();
            assertThat(calls.claim(call("done", "h"))).isEmpty();
            calls.finish("done", "delivered", "{\"content\":[]}", 2);
            assertThat(calls.claim(call("done", "h"))).get().extracting(McpCallStore.Row::result)
                    .isEqualTo("{\"content\":[]}");

            assertThat(calls.claim(call("later", "h"))).isEmpty();
            calls.finish("later", McpCallStore.RETRY, "{}", 2);
            assertThat(calls.claim(call("later", "other arguments"))).as("another call under the key: not run")
                    .get().extracting(McpCallStore.Row::status).isEqualTo(McpCallStore.RETRY);
            assertThat(calls.claim(call("later", "h"))).as("the same call: runs again").isEmpty();
            assertThat(calls.get("later")).get().extracting(McpCallStore.Row::status).isEqualTo(McpCallStore.RUNNING);

            assertThat(calls.purge(2, 100)).isEqualTo(2);
            assertThat(calls.get("done")).isEmpty();
        }
    }
}
