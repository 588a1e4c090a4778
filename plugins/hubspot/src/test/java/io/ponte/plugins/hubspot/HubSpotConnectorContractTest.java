package io.ponte.plugins.hubspot;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;

/** The shared connector contract (plugin-testkit), applied to the hubspot connector. */
class HubSpotConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new HubSpotConnectorFactory();
    }

    @Override
    protected String validConfig() {
        return """
                {"accessToken":"pat-na1-contract-token-0123456789","clientSecret":"contract-client-secret-0123",
                 "apiBaseUrl":"http://127.0.0.1:9"}""";
    }
}
