package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.connector.Connector;
import io.ponte.hub.plugins.PluginGuard;
import io.ponte.hub.plugins.RegisteredConnector;
import io.ponte.hub.security.GuardedHttpClient;
import io.ponte.hub.security.OutboundPolicy;
import io.ponte.hub.security.SecretBox;
import io.ponte.hub.storage.ConnectionRow;
import io.ponte.hub.storage.StateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens, checks and closes connector instances of stored connections, each call through {@link PluginGuard}, and
 * builds the context each instance gets (its config with secrets decrypted, the HTTP client of its outbound policy,
 * its state, the emitter into the pipeline, conversations, health reports). Holds no instances itself: the
 * {@link LiveConnections} keep the open ones, the {@link ConnectionService} opens throwaway ones to check a config.
 * Thread-safe (stateless past construction).
 */
public final class ConnectorInstances {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorInstances.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);

    private final ConnectionCodec codec;
    private final HttpClient httpClient;
    private final HttpClient tenantHttpClient;
    private final StateStore state;
    private final SecretBox box;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Optional<URI> publicUrl;
    private final EnvelopeSink sink;
    private final Function<ConnectionRef, io.ponte.api.conversation.Conversations> conversations;
    private final HealthReports health;

    /**
     * @param httpClient    the hub's shared client (never following redirects); each connection gets it wrapped in
     *                      the outbound policy that applies to it
     * @param sink          where the envelopes instances emit go (see {@link SinkRelay} for why it may be connected
     *                      after this is built)
     * @param conversations how a connection's context reads its tenant's conversations
     */
    public ConnectorInstances(SecretBox secrets, OutboundPolicy outbound, HttpClient httpClient, StateStore state,
                              Clock clock, MeterRegistry meters, Optional<URI> publicUrl, EnvelopeSink sink,
                              Function<ConnectionRef, io.ponte.api.conversation.Conversations> conversations) {
        this.codec = new ConnectionCodec(secrets, outbound);
        this.box = secrets;
        this.httpClient = new GuardedHttpClient(httpClient, outbound);
        this.tenantHttpClient = new GuardedHttpClient(httpClient, outbound.forTenants());
        this.state = state;
        this.clock = clock;
        this.meters = meters;
        this.publicUrl = publicUrl;
        this.sink = sink;
        this.conversations = conversations;
        this.health = new HealthReports(clock);
    }

    /** How configs are validated, encrypted and masked (one codec for the catalog and the live connections). */
    ConnectionCodec codec() {
        return codec;
    }

    /** The latest health of each connection, which the contexts of its instances report into. */
    /** A breaker for an opening connection, reporting its state changes as the connection's health. */
    ConnectionBreaker breaker(String connectionId, BreakerSettings settings) {
        return new ConnectionBreaker(connectionId, settings, clock, h -> health.report(connectionId, h, "breaker"),
                meters);
    }

    HealthReports health() {
        return health;
    }

    /**
     * Opens an instance of a stored connection.
     *
     * @param actions what the instance may call of other connections
     * @throws RuntimeException whatever the connector threw, or {@link IllegalStateException} when it returned none
     */
    Connector open(ConnectionRow row, RegisteredConnector connector, io.ponte.api.action.Actions actions) {
        HubConnectorContext context = context(row, connector, actions);
        Connector instance = PluginGuard.call(connector.classLoader(), mdc(row), OPEN_TIMEOUT,
                () -> connector.factory().open(context));
        if (instance == null) {
            throw new IllegalStateException(connector.type() + " returned no connector instance");
        }
        return instance;
    }

    /**
     * The connector's own checks of a config being saved ({@code ConnectorFactory.validate}).
     *
     * @param actions what the checks may look up of other connections
     * @return the problems found (empty or null when none)
     * @throws RuntimeException whatever the connector threw
     */
    List<io.ponte.api.config.ConfigError> validate(ConnectionRow row, RegisteredConnector connector,
                                                   io.ponte.api.action.Actions actions) {
        HubConnectorContext context = context(row, connector, actions);
        return PluginGuard.call(connector.classLoader(), mdc(row), OPEN_TIMEOUT,
                () -> connector.factory().validate(context));
    }

    /** Closes an instance; a connector that fails to close is logged, never thrown. */
    static void close(RegisteredConnector connector, Connector instance) {
        try {
            PluginGuard.call(connector.classLoader(), Map.of(), Duration.ofSeconds(10), () -> {
                instance.close();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("closing a {} connector failed: {}", connector.type(), e.getMessage());
        }
    }

    private HubConnectorContext context(ConnectionRow row, RegisteredConnector connector,
                                        io.ponte.api.action.Actions actions) {
        ObjectNode config = codec.fullConfig(row);
        ConnectionRef ref = ConnectionRef.of(row);
        return new HubConnectorContext(ref, new ConnectionConfig(connector.descriptor().config(), config),
                row.tenantNetwork() ? tenantHttpClient : httpClient, sink, state, box, clock, meters, publicUrl,
                h -> health.report(row.id(), h, "connector"), conversations.apply(ref), actions);
    }

    private static Map<String, String> mdc(ConnectionRow row) {
        return Map.of("tenant", row.tenantId(), "connection", row.id());
    }
}
