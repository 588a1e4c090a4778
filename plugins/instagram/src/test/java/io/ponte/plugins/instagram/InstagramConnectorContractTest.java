package io.ponte.plugins.instagram;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.plugins.meta.MetaWebhooks;
import io.ponte.testkit.ConnectorContract;
import java.util.List;
import java.util.Map;

/** The shared connector contract (plugin-testkit), applied to the instagram connector. */
class InstagramConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new InstagramConnectorFactory();
    }

    /** Port 9 on loopback refuses at once: the contract's health check needs no network. */
    @Override
    protected String validConfig() {
        return Fixtures.config("http://127.0.0.1:9/v21.0");
    }

    /** Signs garbage bodies correctly, so the contract reaches the parser, not only the signature check. */
    @Override
    protected Map<String, List<String>> webhookHeaders(byte[] body) {
        return Map.of(MetaWebhooks.SIGNATURE_HEADER, List.of(MetaWebhooks.signatureHeader(Fixtures.APP_SECRET, body)));
    }
}
