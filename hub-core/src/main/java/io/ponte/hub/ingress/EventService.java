package io.ponte.hub.ingress;

import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.EventStore;
import io.ponte.hub.storage.Page;

/**
 * What came in, as admins read it: the stored events (the inbox), newest first. Thread-safe (holds no state of its
 * own).
 */
public final class EventService {

    private final EventStore events;

    public EventService(EventStore events) {
        this.events = events;
    }

    /** Newest first; every filter optional ({@code tenant} null: every tenant's). */
    public Page<EventRow> list(String tenant, String connectionId, String type, String cursor, int limit) {
        return events.list(tenant, connectionId, type, cursor, limit);
    }

    /** @throws NotFoundException when there is no such event (or it was purged) */
    public EventRow get(String id) {
        return events.get(id).orElseThrow(() -> new NotFoundException("event", id));
    }
}
