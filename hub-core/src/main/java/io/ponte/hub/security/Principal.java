package io.ponte.hub.security;

/**
 * Who is calling the admin API.
 *
 * @param keyId  the API key's id ({@code key_...}), or {@code bootstrap} for {@code PONTE_ADMIN_TOKEN}
 * @param tenant the tenant the key is limited to, or null for admin scope (every tenant)
 * @param write  whether it may change things (role {@code write}); read keys may only read
 */
public record Principal(String keyId, String tenant, boolean write) {

    public static final String BOOTSTRAP = "bootstrap";

    /** Admin scope: every tenant, and tenants, keys and plugins themselves. */
    public boolean admin() {
        return tenant == null;
    }

    /** Whether an object of {@code objectTenant} is visible to this caller. */
    public boolean sees(String objectTenant) {
        return tenant == null || tenant.equals(objectTenant);
    }
}
