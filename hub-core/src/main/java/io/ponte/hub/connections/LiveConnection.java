package io.ponte.hub.connections;

import io.ponte.api.connector.Connector;
import io.ponte.hub.plugins.RegisteredConnector;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * An open connection: its identity, its connector instance and how to deliver to it (settings, concurrency limit,
 * send rate limits, circuit breaker).
 */
public record LiveConnection(ConnectionRef ref, RegisteredConnector connector, Connector instance,
                             DeliverySettings delivery, Semaphore concurrency, SendThrottle throttle,
                             ConnectionBreaker breaker, long version) {

    public ClassLoader classLoader() {
        return connector.classLoader();
    }

    /** MDC entries for calls on behalf of this connection. */
    public Map<String, String> mdc() {
        return Map.of("tenant", ref.tenant(), "connection", ref.id());
    }
}
