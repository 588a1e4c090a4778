package io.ponte.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.connector.Emitter;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.MessageJson;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A {@link ConnectorContext} for tests: a clock the test moves, in-memory state, and an emitter and metrics that
 * record what they were given. The config is validated against the real descriptor's spec first, as the hub does.
 */
final class TestContext implements ConnectorContext {

    /** 2026-01-01T10:00:00Z, the time of the signature fixtures. */
    static final Instant FIXTURE_TIME = Instant.ofEpochSecond(1_767_261_600L);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ConnectionConfig config;
    private final MovableClock clock = new MovableClock(FIXTURE_TIME);
    private final Map<String, String> state = new ConcurrentHashMap<>();
    final List<EnvelopeDraft> emitted = new CopyOnWriteArrayList<>();
    final List<String> metrics = new CopyOnWriteArrayList<>();

    private TestContext(ConnectionConfig config) {
        this.config = config;
    }

    /** A context whose config is this JSON, validated and defaulted like the hub does. */
    static TestContext withConfig(String json) {
        ConfigSpec spec = new HttpConnectorFactory().descriptor().config();
        JsonNode node = parse(json);
        List<ConfigError> errors = spec.validate(node);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("test config is invalid: " + errors);
        }
        return new TestContext(new ConnectionConfig(spec.withDefaults(node),
                spec.fields().stream().filter(ConfigField::secret).map(ConfigField::name).collect(Collectors.toSet())));
    }

    static JsonNode parse(String json) {
        try {
            return MessageJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the clock. */
    void now(Instant instant) {
        clock.instant = instant;
    }

    @Override
    public String connectionId() {
        return "con_test";
    }

    @Override
    public String connectionName() {
        return "test http connection";
    }

    @Override
    public String tenant() {
        return "default";
    }

    @Override
    public ConnectionConfig config() {
        return config;
    }

    @Override
    public HttpClient httpClient() {
        return HTTP;
    }

    @Override
    public Emitter emitter() {
        return new Emitter() {
            @Override
            public CompletionStage<List<String>> emit(List<EnvelopeDraft> envelopes) {
                emitted.addAll(envelopes);
                return CompletableFuture.completedFuture(envelopes.stream().map(e -> "evt_" + e.externalId()).toList());
            }
        };
    }

    @Override
    public KeyValueStore state() {
        return new KeyValueStore() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(state.get(key));
            }

            @Override
            public void put(String key, String value) {
                state.put(key, value);
            }

            @Override
            public void delete(String key) {
                state.remove(key);
            }
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ConnectorMetrics metrics() {
        return new ConnectorMetrics() {
            @Override
            public void increment(String name, String... tags) {
                metrics.add(name + "[" + String.join(",", tags) + "]");
            }

            @Override
            public void record(String name, Duration duration, String... tags) {
                metrics.add(name + "[" + String.join(",", tags) + "]");
            }
        };
    }

    @Override
    public Optional<URI> publicUrl() {
        return Optional.of(URI.create("https://ponte.example.com"));
    }

    private static final class MovableClock extends Clock {
        private volatile Instant instant;

        MovableClock(Instant instant) {
            this.instant = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
