package io.ponte.plugins.pipedrive;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.plugins.pipedrive.fake.PipedriveWebhooks;
import io.ponte.testkit.ConnectorContract;
import java.util.List;
import java.util.Map;

/** The shared connector contract (plugin-testkit), applied to the pipedrive connector. */
class PipedriveConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new PipedriveConnectorFactory();
    }

    /** Port 9 (discard) on loopback: nothing listens, so the health check fails fast without a network. */
    @Override
    protected String validConfig() {
        return """
                {"apiToken":"0123456789abcdef0123456789abcdef01234567","companyDomain":"acme",
                 "webhookUser":"pipedrive-hook","webhookPassword":"contract-password-0123456789abcdefgh",
                 "apiBaseUrl":"http://127.0.0.1:9"}""";
    }

    /** The right credentials, so the contract's garbage bodies reach the parser. */
    @Override
    protected Map<String, List<String>> webhookHeaders(byte[] body) {
        return Map.of("Authorization", List.of(PipedriveWebhooks.basic("pipedrive-hook",
                "contract-password-0123456789abcdefgh")));
    }
}
