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

    /** Keeps what {@code secret.keep} is given in its secret store; {@code secret.read} answers it back. */
    static final class Vault implements io.ponte.api.connector.ConnectorFactory {
        @Override
        public io.ponte.api.connector.ConnectorDescriptor descriptor() {
            return new io.ponte.api.connector.ConnectorDescriptor("vault", io.ponte.api.connector.Category.GENERIC,
                    "Vault", "keeps a secret it learns", io.ponte.api.config.ConfigSpec.of(), java.util.List.of(),
                    java.util.List.of(new io.ponte.api.action.ActionSpec("secret.keep", "keeps", null),
                            new io.ponte.api.action.ActionSpec("secret.read", "reads", null)));
        }

        @Override
        public io.ponte.api.connector.Connector open(io.ponte.api.connector.ConnectorContext context) {
            return new io.ponte.api.connector.Connector() {
                @Override
                public io.ponte.api.action.ActionResult invoke(io.ponte.api.action.ActionRequest request) {
                    if (request.action().equals("secret.keep")) {
                        context.secrets().put("refreshToken", request.input().path("value").asText());
                        return io.ponte.api.action.ActionResult.delivered("kept");
                    }
                    return io.ponte.api.action.ActionResult.delivered(
                            context.secrets().get("refreshToken").orElse("none"));
                }
            };
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_secret_a_connector_learned_is_sealed_at_rest_and_survives_a_key_rotation(TestDatabase db) throws Exception {
        try (TestHub hub = TestHub.builder().database(db).connectors(new Vault()).start()) {
            String vault = hub.createConnection("vault", "vault", Map.of());
            String actions = "/api/v1/connections/" + vault + "/actions/";
            assertThat(hub.post(actions + "secret.keep", "{\"value\":\"TG-rotated-refresh-4242\"}").status())
                    .isEqualTo(200);

            hub.restart(config -> {
                try (io.ponte.hub.storage.Database database = new io.ponte.hub.storage.Database(config)) {
                    String stored = database.jdbi().withHandle(h -> h.createQuery(
                            "SELECT ciphertext FROM connector_secrets").mapTo(String.class).one());
                    assertThat(stored).doesNotContain("TG-rotated-refresh-4242");
                }
                KeyRotation.rotate(config);
            });

            assertThat(hub.post(actions + "secret.read", "{}").json().get("externalRef").asText())
                    .isEqualTo("TG-rotated-refresh-4242");
        }
    }
}
