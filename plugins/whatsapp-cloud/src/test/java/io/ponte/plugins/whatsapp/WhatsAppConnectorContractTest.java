package io.ponte.plugins.whatsapp;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.plugins.meta.MetaWebhooks;
import io.ponte.testkit.ConnectorContract;
import java.util.List;
import java.util.Map;

/** The shared connector contract (plugin-testkit), applied to the whatsapp-cloud connector. */
class WhatsAppConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new WhatsAppConnectorFactory();
    }

    /** Port 9 on loopback refuses connections: the health check runs and answers DOWN without leaving the host. */
    @Override
    protected String validConfig() {
        return Fixtures.config("http://127.0.0.1:9/v21.0", "");
    }

    /** Signs garbage bodies correctly, so the contract reaches the parser, not only the signature check. */
    @Override
    protected Map<String, List<String>> webhookHeaders(byte[] body) {
        return Map.of(MetaWebhooks.SIGNATURE_HEADER, List.of(MetaWebhooks.signatureHeader(Fixtures.APP_SECRET, body)));
    }
}
