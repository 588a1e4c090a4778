package com.example.ponte.chat;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ProviderContract;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.Recorded;
import java.util.function.Predicate;

/** What a connector that calls a provider honours: retries, failures, timeouts, idempotency, health, secrets. */
class ExampleChatProviderContractTest extends ProviderContract<FakeExampleChat> {

    @Override
    protected ConnectorFactory factory() {
        return new ExampleChatConnectorFactory();
    }

    @Override
    protected FakeExampleChat startFake() {
        return new FakeExampleChat();
    }

    @Override
    protected String config(FakeExampleChat fake) {
        return ExampleChatTest.config(fake.root().toString());
    }

    @Override
    protected ActionRequest sampleAction(String deliveryId, int attempt) {
        return ExampleChatTest.send("{\"to\":\"u_42\",\"text\":\"hello\"}", deliveryId, attempt);
    }

    @Override
    protected Predicate<Recorded> isSampleCall() {
        return r -> r.path().equals("/v1/messages");
    }

    @Override
    protected Answer outage() {
        return FakeExampleChat.error(503, "unavailable", "try again later");
    }

    @Override
    protected Answer refusal() {
        return FakeExampleChat.error(400, "invalid_request", "to is not a user");
    }
}
