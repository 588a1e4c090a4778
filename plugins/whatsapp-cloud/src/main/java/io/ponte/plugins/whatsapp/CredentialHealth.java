package io.ponte.plugins.whatsapp;

import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the hub when Meta starts or stops rejecting the connection's access token, once per change (the SPI asks
 * for reports on changes, not on every action). Thread-safe.
 */
final class CredentialHealth {

    private final ConnectorContext context;
    private final AtomicBoolean rejected = new AtomicBoolean(false);

    CredentialHealth(ConnectorContext context) {
        this.context = context;
    }

    /** An answer refused the token. */
    void rejected(String detail) {
        if (rejected.compareAndSet(false, true)) {
            context.reportHealth(Health.down(detail));
        }
    }

    /** An authenticated call worked. */
    void accepted(String detail) {
        if (rejected.compareAndSet(true, false)) {
            context.reportHealth(Health.up(detail));
        }
    }

    /** The hub ran a health check, which it shows itself: only remember the verdict. */
    void checked(boolean tokenRejected) {
        rejected.set(tokenRejected);
    }
}
