package io.ponte.hub.connections;

import io.ponte.hub.storage.ConnectionRow;

/** The identity of a connection, as the pipeline needs it. */
public record ConnectionRef(String id, String tenant, String name, String connectorType) {

    static ConnectionRef of(ConnectionRow row) {
        return new ConnectionRef(row.id(), row.tenantId(), row.name(), row.connector());
    }
}
