package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.security.KeyRotation;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code rotate-master-key}: every secret re-encrypted under a new key, offline, and the hub still opens them. */
class KeyRotationTest {

    static java.util.List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rotates_the_master_key_and_every_connection_still_decrypts_its_secrets(TestDatabase db) throws Exception {
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of("apiToken", "tok-secret-9876"));
            Path keyFile = hub.dataDir().resolve("master.key");
            String before = Files.readString(keyFile);
            AtomicReference<KeyRotation.Result> result = new AtomicReference<>();

            hub.restart(config -> result.set(KeyRotation.rotate(config)));

            assertThat(result.get().connections()).isEqualTo(1);
            assertThat(result.get().keyFile()).hasValue(keyFile);
            assertThat(Files.readString(keyFile)).isNotEqualTo(before);
            assertThat(Files.exists(hub.dataDir().resolve("master.key.next"))).isFalse();
            assertThat(hub.get("/api/v1/connections/" + chat).json().get("status").asText()).isEqualTo("active");
            assertThat(hub.post("/api/v1/connections/" + chat + "/test", "{}").json().get("detail").asText())
                    .isEqualTo("token ...9876");
            assertThat(hub.get("/api/v1/connections/" + chat).body()).doesNotContain("tok-secret-9876");
        }
    }
}
