package io.ponte.hub.admin;

import io.javalin.http.Context;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.security.Principal;

/** The caller of an admin request, and the checks controllers make with it. */
final class Access {

    static final String ATTRIBUTE = "ponte.principal";

    private Access() {
    }

    static Principal of(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw new UnauthorizedException("no API key on this request");
        }
        return p;
    }

    /** The tenant filter of a list: null for admin scope (everything), else the key's tenant. */
    static String tenantFilter(Context ctx) {
        return of(ctx).tenant();
    }

    /**
     * Answers 404 for an object of another tenant, exactly as for a missing one: a tenant key learns nothing of
     * objects it cannot see.
     */
    static void visible(Context ctx, String objectTenant, String what, String id) {
        if (!of(ctx).sees(objectTenant)) {
            throw new NotFoundException(what, id);
        }
    }

    /** Only admin-scope keys (tenants, keys, plugins). */
    static void admin(Context ctx) {
        if (!of(ctx).admin()) {
            throw new ForbiddenException("this needs an admin-scope key; this key belongs to tenant " + of(ctx).tenant());
        }
    }

    /** The tenant a new object goes to: a tenant key's own; for an admin key the named one, else {@code default}. */
    static String tenantForNew(Context ctx, String requested) {
        Principal p = of(ctx);
        if (!p.admin()) {
            if (requested != null && !requested.equals(p.tenant())) {
                throw new ForbiddenException("this key can only create objects in its own tenant " + p.tenant());
            }
            return p.tenant();
        }
        return requested == null ? "default" : requested;
    }
}
