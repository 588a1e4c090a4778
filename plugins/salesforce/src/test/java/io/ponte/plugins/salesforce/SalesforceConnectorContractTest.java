package io.ponte.plugins.salesforce;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;

/** The shared connector contract (plugin-testkit), applied to the salesforce connector. */
class SalesforceConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new SalesforceConnectorFactory();
    }

    @Override
    protected String validConfig() {
        return """
                {"loginUrl":"http://127.0.0.1:9","clientId":"3MVG9contract","clientSecret":"contract-secret-0123456789"}""";
    }
}
