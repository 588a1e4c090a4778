package io.ponte.api.connector;

import io.ponte.api.config.ConnectionConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything the hub hands one connection's {@link Connector}. Valid from {@code open} until {@code close}; all
 * methods are thread-safe.
 */
public interface ConnectorContext {

    /** The connection's id ({@code con_...}), also the path segment of its webhook URL. */
    String connectionId();

    /** The admin-given name of the connection. */
    String connectionName();

    /** The owning tenant's id. */
    String tenant();

    /** The validated config, defaults filled in, secrets decrypted. */
    ConnectionConfig config();

    /**
     * The hub's shared HTTP client (HTTP/1.1 and 2, virtual-thread friendly). Connectors should use it rather
     * than create their own, so timeouts and outbound policies apply uniformly.
     */
    HttpClient httpClient();

    /** Publishes envelopes into the hub on behalf of this connection. */
    Emitter emitter();

    /** The connection's durable key-value store. */
    KeyValueStore state();

    /**
     * The connection's durable key-value store for secrets a connector learns while it runs (a rotated OAuth
     * refresh token, an access token): encrypted at rest with the hub's master key like the config's secret fields,
     * re-encrypted when the master key rotates, never shown by the admin API. Values up to 16 KiB.
     *
     * @throws IllegalStateException when the host offers none (a minimal test context)
     * @since 2.1.0
     */
    default KeyValueStore secrets() {
        throw new IllegalStateException("this host offers no secret store");
    }

    /** The hub's clock; use it instead of {@code Instant.now()} so tests can control time. */
    Clock clock();

    /** Metrics tagged with this connection. */
    ConnectorMetrics metrics();

    /** The hub's public base URL ({@code PONTE_PUBLIC_URL}), if configured. */
    Optional<URI> publicUrl();

    /**
     * Tells the hub how the connection is doing, as learned while working (an action met revoked credentials, say).
     * The hub shows the latest report on the connection ({@code health}) until the next report or health check;
     * it does not stop deliveries by itself. Cheap and idempotent (the hub ignores a repeat of the current verdict),
     * so a connector may report after every provider call: down when the credentials are refused, up when a call
     * works.
     *
     * @param health the verdict; never null
     * @since 1.1.0
     */
    default void reportHealth(Health health) {
    }

    /**
     * The hub's conversations of this tenant (history, state), for connectors that take part in them.
     *
     * @throws IllegalStateException when the host offers none (a minimal test context)
     * @since 1.1.0
     */
    default io.ponte.api.conversation.Conversations conversations() {
        throw new IllegalStateException("this host offers no conversations");
    }

    /**
     * Other connections' actions of this tenant, for connectors that call them as tools.
     *
     * @throws IllegalStateException when the host offers none (a minimal test context)
     * @since 1.1.0
     */
    default io.ponte.api.action.Actions actions() {
        throw new IllegalStateException("this host offers no actions of other connections");
    }

    /** This connection's public webhook URL, if the hub's public base URL is configured. */
    default Optional<URI> webhookUrl() {
        return publicUrl().map(base -> base.resolve("/hooks/" + connectionId()));
    }
}
