package io.ponte.hub.tenants;

import io.ponte.hub.connections.ConnectionService;
import io.ponte.hub.connections.ConnectionView;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.security.ApiKeys;
import io.ponte.hub.security.Principal;
import io.ponte.hub.storage.ApiKeyRow;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.MediaStore;
import io.ponte.hub.storage.TenantRow;
import io.ponte.hub.storage.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the hub serves and who may call it: tenants (created, renamed, deleted with or without what they own) and API
 * keys (created for a tenant or for admin scope, revoked). Who may ask is the caller's business (admin scope).
 *
 * <p>Thread-safe (holds no state of its own). Failures are thrown as {@link ValidationException},
 * {@link NotFoundException} or {@link ConflictException}.
 */
public final class TenantService {

    /** The tenant that exists from the start and cannot be deleted. */
    public static final String DEFAULT = "default";

    private final TenantStore tenants;
    private final ConnectionService connections;
    private final ApiKeys keys;
    private final MediaStore media;
    private final Clock clock;

    public TenantService(TenantStore tenants, ConnectionService connections, ApiKeys keys, MediaStore media,
                         Clock clock) {
        this.tenants = tenants;
        this.connections = connections;
        this.keys = keys;
        this.media = media;
        this.clock = clock;
    }

    public List<TenantRow> list() {
        return tenants.all();
    }

    /** @throws NotFoundException when there is no such tenant */
    public TenantRow get(String id) {
        return tenants.get(id).orElseThrow(() -> new NotFoundException("tenant", id));
    }

    /**
     * The tenant a new object is created for, checked to exist.
     *
     * @throws ValidationException on {@code tenant} when there is none with this id
     */
    public String existing(String tenant) {
        if (tenants.get(tenant).isEmpty()) {
            throw new ValidationException("tenant", "no tenant with id '" + tenant + "'");
        }
        return tenant;
    }

    public TenantRow create(String name) {
        long now = clock.millis();
        TenantRow row = new TenantRow(Ids.next("ten"), name(name), now, now);
        tenants.insert(row);
        return row;
    }

    public TenantRow rename(String id, String name) {
        TenantRow t = get(id);
        tenants.rename(t.id(), name(name), clock.millis());
        return get(t.id());
    }

    /**
     * Refused while the tenant owns connections, routes or keys, unless {@code force} (which deletes them, and this
     * node's media files of its events at once; other nodes' go with their next retention run).
     */
    public void delete(String id, boolean force) {
        TenantRow t = get(id);
        if (t.id().equals(DEFAULT)) {
            throw new ConflictException("the default tenant cannot be deleted");
        }
        long owned = tenants.owned(t.id());
        if (owned > 0 && !force) {
            throw new ConflictException("tenant " + t.id() + " still owns " + owned + " connections, routes or keys; "
                    + "delete them first or use ?force=true (which deletes them with its events and conversations)");
        }
        for (ConnectionView c : connections.list()) {
            if (c.tenant().equals(t.id())) {
                connections.delete(c.id());
            }
        }
        tenants.delete(t.id());
        media.sweep();
    }

    /** The API keys of a tenant, or every key when {@code tenant} is null. */
    public List<ApiKeyRow> keys(String tenant) {
        return tenants.keys(tenant);
    }

    /** The API key of that id (revoked or not), if any. */
    public java.util.Optional<ApiKeyRow> key(String id) {
        return tenants.key(id);
    }

    /**
     * Creates an API key; its token is in the answer and nowhere else, ever.
     *
     * @param tenant null for an admin-scope key
     * @param role   {@code read} or {@code write}
     */
    public ApiKeys.Created createKey(String name, String tenant, String role, Instant expiresAt) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new ValidationException.FieldError("name", "is required (at most 200 characters)"));
        }
        if (role == null || !(role.equals("read") || role.equals("write"))) {
            errors.add(new ValidationException.FieldError("role", "must be read or write"));
        }
        if (tenant != null && tenants.get(tenant).isEmpty()) {
            errors.add(new ValidationException.FieldError("tenant", "no tenant with id '" + tenant + "'"));
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.ofEpochMilli(clock.millis()))) {
            errors.add(new ValidationException.FieldError("expiresAt", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return keys.create(name.strip(), tenant, role.equals("write"), expiresAt == null ? null : expiresAt.toEpochMilli());
    }

    /** Revokes an API key by id, or with {@code bootstrap} retires the bootstrap token ({@code PONTE_ADMIN_TOKEN}). */
    public void revokeKey(String id) {
        if (id.equals(Principal.BOOTSTRAP)) {
            keys.retireBootstrap();
            return;
        }
        ApiKeyRow key = tenants.key(id).orElseThrow(() -> new NotFoundException("API key", id));
        if (!keys.revoke(key)) {
            throw new ConflictException("API key " + id + " is already revoked");
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new ValidationException("name", "is required (at most 200 characters)");
        }
        return name.strip();
    }
}
