package io.ponte.plugins.shopee;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;

class ShopeeConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new ShopeeConnectorFactory();
    }

    @Override
    protected String validConfig() {
        // an unreachable local port: the health check must answer DOWN, not hang on Shopee's real host
        return Shops.config("http://127.0.0.1:9");
    }
}
