package io.ponte.hub.connections;

/** The identity of a connection, as the pipeline needs it. */
public record ConnectionRef(String id, String tenant, String name, String connectorType) {
}
