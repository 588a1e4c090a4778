package io.ponte.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.connector.Emitter;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.api.message.EnvelopeDraft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ConnectorContext} for tests, validating the config against the factory's spec exactly as the hub does
 * (every error at once, defaults filled in). The clock is movable, the state in memory, and the emitter and
 * metrics record what they get. Thread-safe.
 */
public final class TestConnectorContext implements ConnectorContext {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * The id of every test context's connection ({@link #connectionId()}), for tests of a config that names it.
     *
     * @since 1.2.0
     */
    public static final String CONNECTION_ID = "con_TEST";

    private final String connectionId;
    private final ConnectionConfig config;
    private final MovableClock clock;
    private final Map<String, String> state = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<EnvelopeDraft> emitted = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> emittedKeys = ConcurrentHashMap.newKeySet();
    private final List<String> metrics = new CopyOnWriteArrayList<>();
    private final URI publicUrl;
    private final List<Health> reportedHealth = new CopyOnWriteArrayList<>();
    private final TestConversations conversations = new TestConversations();
    private final TestActions actions;
    private volatile HttpClient httpClient = HTTP;

    private TestConnectorContext(String connectionId, ConnectionConfig config, Instant now, URI publicUrl) {
        this.connectionId = connectionId;
        this.config = config;
        this.clock = new MovableClock(now);
        this.publicUrl = publicUrl;
        this.actions = new TestActions(connectionId);
    }

    /**
     * A context for a connection of {@code factory}'s type with this config.
     *
     * @throws IllegalArgumentException listing every config error, as the hub would answer 400
     */
    public static TestConnectorContext of(ConnectorFactory factory, String configJson) {
        return of(factory, configJson, Instant.parse("2026-01-01T10:00:00Z"), null);
    }

    /** As {@link #of(ConnectorFactory, String)} with a start time and a public URL (null for none). */
    public static TestConnectorContext of(ConnectorFactory factory, String configJson, Instant now, URI publicUrl) {
        ConfigSpec spec = factory.descriptor().config();
        JsonNode node = parse(configJson);
        List<ConfigError> errors = spec.validate(node);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid config: " + errors);
        }
        return new TestConnectorContext(CONNECTION_ID, new ConnectionConfig(spec, node),
                now, publicUrl);
    }

    static JsonNode parse(String json) {
        try {
            return TestJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Hands the connector this HTTP client instead of the default one (which never follows redirects), as the hub
     * hands its outbound-policy client: to prove a connector sends through {@link #httpClient()}.
     *
     * @param client the client; never null
     * @return this context
     */
    public TestConnectorContext withHttpClient(HttpClient client) {
        this.httpClient = java.util.Objects.requireNonNull(client, "client");
        return this;
    }

    /** Moves the clock. */
    public void advance(Duration d) {
        clock.advance(d);
    }

    /** Sets the clock. */
    public void setNow(Instant instant) {
        clock.set(instant);
    }

    /** What the connector emitted so far. */
    public List<EnvelopeDraft> emitted() {
        return List.copyOf(emitted);
    }

    /** The metrics recorded so far, as {@code name[tag,value,...]}. */
    public List<String> recordedMetrics() {
        return List.copyOf(metrics);
    }

    /** What the connector reported through {@link #reportHealth}, oldest first. */
    public List<Health> reportedHealth() {
        return List.copyOf(reportedHealth);
    }

    /** A copy of the key-value state. */
    public Map<String, String> stateSnapshot() {
        return Map.copyOf(state);
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String connectionName() {
        return "test";
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
        return httpClient;
    }

    /**
     * Records what the connector emits and, like the hub, drops a draft whose {@code externalId} was emitted before
     * (its id comes back null and it is not added to {@link #emitted()}).
     */
    @Override
    public Emitter emitter() {
        return drafts -> {
            List<String> ids = new ArrayList<>();
            synchronized (emitted) {
                for (EnvelopeDraft d : drafts) {
                    if (d.externalId() != null && !emittedKeys.add(d.externalId())) {
                        ids.add(null);
                    } else {
                        emitted.add(d);
                        ids.add("evt_TEST" + (emitted.size() - 1));
                    }
                }
            }
            return CompletableFuture.completedFuture(ids);
        };
    }

    @Override
    public KeyValueStore state() {
        return store(state);
    }

    /** In memory here; the hub encrypts these at rest. */
    @Override
    public KeyValueStore secrets() {
        return store(secrets);
    }

    /** A copy of the secret store (what a restarted connection would find there). */
    public Map<String, String> secretsSnapshot() {
        return Map.copyOf(secrets);
    }

    private static KeyValueStore store(Map<String, String> map) {
        return new KeyValueStore() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(map.get(key));
            }

            @Override
            public void put(String key, String value) {
                map.put(key, value);
            }

            @Override
            public void delete(String key) {
                map.remove(key);
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
            public void count(String name, double amount, String... tags) {
                metrics.add(name + "[" + String.join(",", tags) + "]=" + amount);
            }

            @Override
            public void record(String name, Duration duration, String... tags) {
                metrics.add(name + "[" + String.join(",", tags) + "]");
            }
        };
    }

    /** The in-memory conversations this context hands the connector (put conversations and history there). */
    @Override
    public TestConversations conversations() {
        return conversations;
    }

    /**
     * The in-memory actions of other connections (register their answers there, or {@link TestActions#offer} what a
     * config names); like the hub's, they never describe nor call this connection ({@link #CONNECTION_ID}) itself.
     */
    @Override
    public TestActions actions() {
        return actions;
    }

    @Override
    public void reportHealth(Health health) {
        reportedHealth.add(java.util.Objects.requireNonNull(health, "health"));
    }

    @Override
    public Optional<URI> publicUrl() {
        return Optional.ofNullable(publicUrl);
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant instant) {
            now = instant;
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
            return now;
        }
    }
}
