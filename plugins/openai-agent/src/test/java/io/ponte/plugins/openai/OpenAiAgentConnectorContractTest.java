package io.ponte.plugins.openai;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;

/** The shared connector contract (plugin-testkit), applied to the openai-agent connector. */
class OpenAiAgentConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new OpenAiAgentConnectorFactory();
    }

    /** Port 9 (discard) on loopback: nothing listens, so the health check fails fast without a network. */
    @Override
    protected String validConfig() {
        return """
                {"apiKey":"sk-contract-secret-0123456789","baseUrl":"http://127.0.0.1:9/v1",
                 "tools":["handoff.human","memory.remember"],"fallbackReply":"Sorry, try again later."}""";
    }
}
