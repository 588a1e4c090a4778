package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.plugins.instagram.fake.FakeInstagramApi;
import io.ponte.testkit.TestConnectorContext;
import java.time.Duration;

/** Runs {@code message.send} of a connection pointed at a {@link FakeInstagramApi}. */
class SendSupport implements AutoCloseable {

    final FakeInstagramApi fake = new FakeInstagramApi(Fixtures.ACCOUNT, Fixtures.ACCESS_TOKEN);
    final TestConnectorContext context;
    private final Connector connector;

    SendSupport() {
        this(InstagramConnector.TIMEOUT);
    }

    /** With a short request timeout, for the timeout tests. */
    SendSupport(Duration timeout) {
        this(null, timeout);
    }

    /** With this context instead of one pointed at {@link #fake} (which then goes unused). */
    SendSupport(TestConnectorContext context) {
        this(context, InstagramConnector.TIMEOUT);
    }

    private SendSupport(TestConnectorContext context, Duration timeout) {
        this.context = context != null ? context : Fixtures.context(fake.baseUrl());
        connector = new InstagramConnector(InstagramConfig.from(this.context.config()), this.context, timeout);
    }

    Connector connector() {
        return connector;
    }

    ActionResult send(String input) {
        return connector.invoke(new ActionRequest(ActionNames.MESSAGE_SEND, Fixtures.json(input), null, "dlv_01JTEST",
                1));
    }

    /** The only Send API body the fake received. */
    JsonNode onlySent() {
        if (fake.sentMessages().size() != 1) {
            throw new AssertionError("expected one Send API request, got " + fake.sentMessages());
        }
        return fake.sentMessages().get(0);
    }

    @Override
    public void close() {
        connector.close();
        fake.close();
    }
}
