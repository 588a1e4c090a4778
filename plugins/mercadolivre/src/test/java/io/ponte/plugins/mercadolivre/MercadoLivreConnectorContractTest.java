package io.ponte.plugins.mercadolivre;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;

/** The shared connector contract (plugin-testkit), applied to the mercadolivre connector. */
class MercadoLivreConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new MercadoLivreConnectorFactory();
    }

    /** Port 9 (discard) on loopback: nothing listens, so the health check fails fast without a network. */
    @Override
    protected String validConfig() {
        return Sellers.config("http://127.0.0.1:9", "TG-contract-refresh-token-0123456789");
    }
}
