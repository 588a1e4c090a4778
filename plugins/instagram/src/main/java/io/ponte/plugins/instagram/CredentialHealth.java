package io.ponte.plugins.instagram;

import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports credential trouble met while sending to the hub ({@link ConnectorContext#reportHealth}), on changes
 * only: down when Meta first rejects the token, up again on the first success after that. Thread-safe.
 */
final class CredentialHealth {

    private final ConnectorContext context;
    private final AtomicBoolean down = new AtomicBoolean(false);

    CredentialHealth(ConnectorContext context) {
        this.context = context;
    }

    /** Meta rejected the token or its permissions. */
    void rejected(String detail) {
        if (down.compareAndSet(false, true)) {
            context.reportHealth(Health.down(detail));
        }
    }

    /** A call with the token succeeded. */
    void accepted() {
        if (down.compareAndSet(true, false)) {
            context.reportHealth(Health.up("the Send API accepts the access token again"));
        }
    }
}
