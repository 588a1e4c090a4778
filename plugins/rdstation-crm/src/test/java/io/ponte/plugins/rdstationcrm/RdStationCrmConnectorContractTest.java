package io.ponte.plugins.rdstationcrm;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;

/** The shared connector contract (plugin-testkit), applied to the rdstation-crm connector. */
class RdStationCrmConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new RdStationCrmConnectorFactory();
    }

    @Override
    protected String validConfig() {
        return """
                {"apiToken":"5f3c0a9e7d1b2c4e6f8a0b1c","apiBaseUrl":"http://127.0.0.1:9/api/v1",
                 "webhookToken":"contract-webhook-token-0123456789"}""";
    }
}
