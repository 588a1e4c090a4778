package io.ponte.hub.conversations;

import io.ponte.api.connector.ConnectorFactory;

/** Hands the package's test chat connector to tests of other packages. */
public final class ChatConnectorAccess {
    public ConnectorFactory factory() {
        return new ChatConnector();
    }
}
