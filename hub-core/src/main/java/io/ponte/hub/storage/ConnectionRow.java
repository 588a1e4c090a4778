package io.ponte.hub.storage;

/**
 * One row of {@code connections}. {@code config} holds the non-secret fields as JSON, {@code secrets} the secret
 * ones as an encrypted blob, {@code settings} the hub's own per-connection settings (retry schedule, timeout),
 * {@code history} whether the hub keeps the conversation history of its chat messages.
 */
public record ConnectionRow(String id, String tenantId, String name, String connector, String config,
                            String secrets, String settings, boolean enabled, long createdAt, long updatedAt,
                            String network, String calls, boolean history) {

    /** {@link #network()} of a connection last saved with an admin-scope key: the operator's outbound policy. */
    public static final String OPERATOR = "operator";
    /** {@link #network()} of a connection last saved with a tenant-scoped key: public addresses only. */
    public static final String TENANT = "tenant";

    /** The same row naming these connections' actions ({@link #calls()}: comma-separated ids, null for none). */
    public ConnectionRow withCalls(java.util.Collection<String> ids) {
        return new ConnectionRow(id, tenantId, name, connector, config, secrets, settings, enabled, createdAt, updatedAt,
                network, ids.isEmpty() ? null : String.join(",", new java.util.TreeSet<>(ids)), history);
    }

    /** The ids in {@link #calls()}. */
    public java.util.Set<String> callIds() {
        return calls == null || calls.isBlank() ? java.util.Set.of() : java.util.Set.of(calls.split(","));
    }

    /** Whether the connection may only call public addresses (a tenant-scoped key saved it). */
    public boolean tenantNetwork() {
        return TENANT.equals(network);
    }
}
