package io.ponte.hub.connections;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.connector.Emitter;
import io.ponte.api.connector.Health;
import java.util.function.Consumer;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.hub.security.SecretBox;
import io.ponte.hub.storage.StateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The hub's {@link ConnectorContext} for one connection. */
final class HubConnectorContext implements ConnectorContext {

    private final ConnectionRef ref;
    private final ConnectionConfig config;
    private final HttpClient httpClient;
    private final EnvelopeSink sink;
    private final StateStore state;
    private final SecretBox box;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Optional<URI> publicUrl;
    private final Consumer<Health> health;
    private final io.ponte.api.conversation.Conversations conversations;
    private final io.ponte.api.action.Actions actions;

    HubConnectorContext(ConnectionRef ref, ConnectionConfig config, HttpClient httpClient, EnvelopeSink sink,
                        StateStore state, SecretBox box, Clock clock, MeterRegistry meters, Optional<URI> publicUrl,
                        Consumer<Health> health, io.ponte.api.conversation.Conversations conversations,
                        io.ponte.api.action.Actions actions) {
        this.health = health;
        this.conversations = conversations;
        this.actions = actions;
        this.ref = ref;
        this.config = config;
        this.httpClient = httpClient;
        this.sink = sink;
        this.state = state;
        this.box = box;
        this.clock = clock;
        this.meters = meters;
        this.publicUrl = publicUrl;
    }

    @Override
    public String connectionId() {
        return ref.id();
    }

    @Override
    public String connectionName() {
        return ref.name();
    }

    @Override
    public String tenant() {
        return ref.tenant();
    }

    @Override
    public ConnectionConfig config() {
        return config;
    }

    @Override
    public HttpClient httpClient() {
        return httpClient;
    }

    @Override
    public Emitter emitter() {
        return drafts -> sink.accept(ref, drafts);
    }

    @Override
    public KeyValueStore state() {
        return new KeyValueStore() {
            @Override
            public Optional<String> get(String key) {
                return state.get(ref.id(), key);
            }

            @Override
            public void put(String key, String value) {
                if (value.length() > 65_536) {
                    throw new IllegalArgumentException("state values are at most 64 KiB");
                }
                state.put(ref.id(), key, value, clock.millis());
            }

            @Override
            public void delete(String key) {
                state.delete(ref.id(), key);
            }
        };
    }

    /** Sealed with the master key; the connection and key are the associated data, so a value cannot be moved. */
    @Override
    public KeyValueStore secrets() {
        return new KeyValueStore() {
            @Override
            public Optional<String> get(String key) {
                return state.getSecret(ref.id(), key)
                        .map(blob -> box.decrypt(blob, StateStore.secretContext(ref.id(), key)));
            }

            @Override
            public void put(String key, String value) {
                if (value.length() > 16_384) {
                    throw new IllegalArgumentException("secret values are at most 16 KiB");
                }
                state.putSecret(ref.id(), key, box.encrypt(value, StateStore.secretContext(ref.id(), key)),
                        clock.millis());
            }

            @Override
            public void delete(String key) {
                state.deleteSecret(ref.id(), key);
            }
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ConnectorMetrics metrics() {
        Tags base = Tags.of("connection", ref.id(), "connector", ref.connectorType(), "tenant", ref.tenant());
        return new ConnectorMetrics() {
            @Override
            public void increment(String name, String... tags) {
                meters.counter("ponte.plugin." + name, base.and(tags)).increment();
            }

            @Override
            public void count(String name, double amount, String... tags) {
                meters.counter("ponte.plugin." + name, base.and(tags)).increment(amount);
            }

            @Override
            public void record(String name, Duration duration, String... tags) {
                meters.timer("ponte.plugin." + name, base.and(tags)).record(duration);
            }
        };
    }

    @Override
    public io.ponte.api.conversation.Conversations conversations() {
        return conversations;
    }

    @Override
    public io.ponte.api.action.Actions actions() {
        return actions;
    }

    @Override
    public void reportHealth(Health report) {
        if (report != null) {
            health.accept(report);
        }
    }

    @Override
    public Optional<URI> publicUrl() {
        return publicUrl;
    }
}
