package io.ponte.plugins.http;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ProviderContract;
import io.ponte.testkit.fake.Recorded;
import java.util.function.Predicate;

/** The shared provider contract (plugin-testkit), applied to http's message.send against a local receiver. */
class HttpProviderContractTest extends ProviderContract<FakeReceiver> {

    @Override
    protected ConnectorFactory factory() {
        return new HttpConnectorFactory();
    }

    @Override
    protected FakeReceiver startFake() {
        return new FakeReceiver();
    }

    /** A secret and a header value that must never show. */
    @Override
    protected String config(FakeReceiver receiver) {
        return "{\"url\":\"" + receiver.url("/hook?token=t0ken-in-the-url") + "\","
                + "\"secret\":\"contract-signing-secret-0123456789abcdef\","
                + "\"headers\":{\"Authorization\":\"Bearer header-secret-0123456789\"}}";
    }

    @Override
    protected ActionRequest sampleAction(String deliveryId, int attempt) {
        return new ActionRequest("message.send", TestContext.parse("{\"to\":\"42\",\"text\":\"hi\"}"), null,
                deliveryId, attempt);
    }

    @Override
    protected Predicate<Recorded> isSampleCall() {
        return r -> r.method().equals("POST") && r.path().equals("/hook");
    }
}
