package io.ponte.plugins.stripe;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.plugins.stripe.fake.StripeEvents;
import io.ponte.testkit.ConnectorContract;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The shared connector contract (plugin-testkit), applied to the stripe connector. */
class StripeConnectorContractTest extends ConnectorContract {

    private static final String SECRET = "whsec_contractSecretValue0123456789";

    @Override
    protected ConnectorFactory factory() {
        return new StripeConnectorFactory();
    }

    /** Port 9 (discard) on loopback: nothing listens, so the health check fails fast without a network. */
    @Override
    protected String validConfig() {
        return """
                {"apiKey":"sk_test_contractKeyValue0123456789","webhookSecret":"%s",
                 "apiBaseUrl":"http://127.0.0.1:9","timeoutSeconds":2}""".formatted(SECRET);
    }

    /** A valid signature at the contract context's clock, so the contract's garbage bodies reach the parser. */
    @Override
    protected Map<String, List<String>> webhookHeaders(byte[] body) {
        return Map.of("Stripe-Signature", List.of(StripeEvents.signedWith(SECRET)
                .header(CONTRACT_NOW.getEpochSecond(), new String(body, java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** The clock of the contract's {@code TestConnectorContext}. */
    private static final Instant CONTRACT_NOW = Instant.parse("2026-01-01T10:00:00Z");
}
