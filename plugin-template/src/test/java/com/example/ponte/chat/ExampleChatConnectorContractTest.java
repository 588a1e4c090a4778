package com.example.ponte.chat;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;

/** The contract every connector passes: descriptor, config, open/close, secrets, garbage webhooks, health. */
class ExampleChatConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new ExampleChatConnectorFactory();
    }

    @Override
    protected String validConfig() {
        return "{\"baseUrl\":\"http://127.0.0.1:9\",\"apiToken\":\"" + FakeExampleChat.TOKEN + "\","
                + "\"webhookSecret\":\"" + ExampleChatTest.WEBHOOK_SECRET + "\"}";
    }
}
