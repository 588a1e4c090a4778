package io.ponte.plugins.telegram;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;
import java.util.List;
import java.util.Map;

/** The shared connector contract (plugin-testkit), applied to the telegram connector. */
class TelegramConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new TelegramConnectorFactory();
    }

    /** Port 9 (discard) on loopback: nothing listens, so the health check fails fast without a network. */
    @Override
    protected String validConfig() {
        return """
                {"botToken":"7000000001:AAContractTokenValue_0123456789abcdef",
                 "secretToken":"contract-secret_value-0123456789abcdef","apiBaseUrl":"http://127.0.0.1:9"}""";
    }

    /** The right secret header, so the contract's garbage bodies reach the parser. */
    @Override
    protected Map<String, List<String>> webhookHeaders(byte[] body) {
        return Map.of("X-Telegram-Bot-Api-Secret-Token", List.of("contract-secret_value-0123456789abcdef"));
    }
}
