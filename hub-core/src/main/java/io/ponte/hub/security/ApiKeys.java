package io.ponte.hub.security;

import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.storage.ApiKeyRow;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.TenantStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API keys: created with a random token shown once (only its SHA-256 is stored), resolved to a {@link Principal}
 * on every request (the bootstrap {@code PONTE_ADMIN_TOKEN} first), revoked by id; the bootstrap token retired once
 * lasting admin keys exist. Thread-safe.
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdminAuth bootstrap;
    private final TenantStore store;
    private final Clock clock;

    public ApiKeys(AdminAuth bootstrap, TenantStore store, Clock clock) {
        this.bootstrap = bootstrap;
        this.store = store;
        this.clock = clock;
    }

    /** A created key: its row and, this once, its token. */
    public record Created(ApiKeyRow row, String token) {
    }

    public Created create(String name, String tenant, boolean write, Long expiresAt) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "pk_" + HexFormat.of().formatHex(raw);
        ApiKeyRow row = new ApiKeyRow(Ids.next("key"), name, tenant, write ? "write" : "read", hash(token), expiresAt,
                null, clock.millis());
        store.insertKey(row);
        return new Created(row, token);
    }

    /** The caller a token stands for: empty when it is unknown, revoked or expired. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (bootstrap.accepts(token)) {
            return Optional.of(new Principal(Principal.BOOTSTRAP, null, true));
        }
        long now = clock.millis();
        return store.keyByHash(hash(token))
                .filter(k -> k.revokedAt() == null && (k.expiresAt() == null || k.expiresAt() > now))
                .map(k -> new Principal(k.id(), k.tenantId(), k.role().equals("write")));
    }

    /**
     * Retires the bootstrap token ({@code DELETE /api/v1/api-keys/bootstrap}), refused while no admin-scope write key
     * without expiry could take its place: the hub never ends up with no way in.
     */
    public void retireBootstrap() {
        if (!bootstrap.active()) {
            throw new ConflictException("the bootstrap token is already retired");
        }
        if (lastingAdminKeys().isEmpty()) {
            throw new ConflictException("no way in would be left: first create an admin-scope key with role write and "
                    + "no expiry (POST /api/v1/api-keys without tenant and expiresAt)");
        }
        bootstrap.retire();
    }

    /**
     * Revokes a key, unless it is the last admin-scope write key without expiry while the bootstrap token is retired.
     *
     * @return false when it was already revoked
     */
    public boolean revoke(ApiKeyRow key) {
        if (!bootstrap.active() && lastingAdminKeys().equals(List.of(key.id()))) {
            throw new ConflictException("API key " + key.id() + " is the last admin-scope write key without expiry and "
                    + "the bootstrap token is retired: create another one before revoking it");
        }
        return store.revoke(key.id(), clock.millis());
    }

    private List<String> lastingAdminKeys() {
        return store.keys(null).stream().filter(k -> k.tenantId() == null && k.role().equals("write")
                && k.revokedAt() == null && k.expiresAt() == null).map(ApiKeyRow::id).toList();
    }

    private static String hash(String token) {
        return HexFormat.of().formatHex(AdminAuth.sha256(token));
    }
}
