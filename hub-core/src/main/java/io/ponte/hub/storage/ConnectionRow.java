package io.ponte.hub.storage;

/**
 * One row of {@code connections}. {@code config} holds the non-secret fields as JSON, {@code secrets} the secret
 * ones as an encrypted blob, {@code settings} the hub's own per-connection settings (retry schedule, timeout).
 */
public record ConnectionRow(String id, String tenantId, String name, String connector, String config,
                            String secrets, String settings, boolean enabled, long createdAt, long updatedAt,
                            String network) {

    /** {@link #network()} of a connection last saved with an admin-scope key: the operator's outbound policy. */
    public static final String OPERATOR = "operator";
    /** {@link #network()} of a connection last saved with a tenant-scoped key: public addresses only. */
    public static final String TENANT = "tenant";

    /** Whether the connection may only call public addresses (a tenant-scoped key saved it). */
    public boolean tenantNetwork() {
        return TENANT.equals(network);
    }
}
