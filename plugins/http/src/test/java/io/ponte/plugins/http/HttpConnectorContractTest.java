package io.ponte.plugins.http;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;
import java.util.List;
import java.util.Map;

/** The shared connector contract (plugin-testkit), applied to the http connector. */
class HttpConnectorContractTest extends ConnectorContract {

    private static final String SECRET = "contract-secret-value-0123456789abcdef";
    /** The test kit's clock: 2026-01-01T10:00:00Z. */
    private static final long NOW = 1_767_261_600L;

    @Override
    protected ConnectorFactory factory() {
        return new HttpConnectorFactory();
    }

    @Override
    protected String validConfig() {
        return """
                {"url":"http://127.0.0.1:9/out","secret":"%s",
                 "headers":{"Authorization":"Bearer contract-header-token"}}""".formatted(SECRET);
    }

    /** Signs garbage bodies correctly, so the contract reaches the parser, not only the signature check. */
    @Override
    protected Map<String, List<String>> webhookHeaders(byte[] body) {
        String signature = new StandardWebhooks(StandardWebhooks.signingKey(SECRET)).sign("msg_contract", NOW, body);
        return Map.of(StandardWebhooks.ID_HEADER, List.of("msg_contract"),
                StandardWebhooks.TIMESTAMP_HEADER, List.of(Long.toString(NOW)),
                StandardWebhooks.SIGNATURE_HEADER, List.of(signature));
    }
}
