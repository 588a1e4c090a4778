package io.ponte.plugins.mercadopago;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.plugins.mercadopago.fake.Notices;
import io.ponte.testkit.ConnectorContract;
import java.util.List;
import java.util.Map;

/** The shared connector contract (plugin-testkit), applied to the mercadopago connector. */
class MercadoPagoConnectorContractTest extends ConnectorContract {

    private static final String SECRET = "contract-webhook-secret-0123456789";

    @Override
    protected ConnectorFactory factory() {
        return new MercadoPagoConnectorFactory();
    }

    /** Port 9 (discard) on loopback: nothing listens, so the health check fails fast without a network. */
    @Override
    protected String validConfig() {
        return """
                {"accessToken":"TEST-0000000000000000-contract","webhookSecret":"%s",
                 "apiBaseUrl":"http://127.0.0.1:9"}""".formatted(SECRET);
    }

    /** A valid signature for a request without data.id or x-request-id, so the garbage bodies reach the parser. */
    @Override
    protected Map<String, List<String>> webhookHeaders(byte[] body) {
        return Map.of("x-signature", List.of("ts=1767261600,v1=" + Notices.hmac(SECRET, "ts:1767261600;")));
    }
}
