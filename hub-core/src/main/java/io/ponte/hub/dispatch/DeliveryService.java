package io.ponte.hub.dispatch;

import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryState;
import io.ponte.hub.storage.Outbox;
import io.ponte.hub.storage.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What went out, as admins read and steer it: deliveries listed, a dead one put back in line, one not yet started
 * cancelled, and the same in bulk. Whatever puts work back in line wakes the dispatcher.
 *
 * <p>Thread-safe (holds no state of its own). Failures are thrown as {@link ValidationException},
 * {@link NotFoundException} or {@link ConflictException}.
 */
public final class DeliveryService {

    /** The statuses a delivery can have, for filters. */
    public static final List<String> STATUSES = DeliveryState.allValues();
    private static final int MAX_BULK = 1000;

    private final Outbox deliveries;
    private final Clock clock;
    private final Runnable wakeDispatcher;

    public DeliveryService(Outbox deliveries, Clock clock, Runnable wakeDispatcher) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.wakeDispatcher = wakeDispatcher;
    }

    /** Which deliveries a bulk retry or cancel takes (at least one filter; at most {@value #MAX_BULK}). */
    public record Bulk(String route, String connection, Instant createdSince, Instant createdUntil, Integer limit) {
    }

    /** Newest first; every filter optional ({@code tenant} null: every tenant's; {@code status} one of {@link #STATUSES}). */
    public Page<DeliveryRow> list(String tenant, String status, String routeId, String connectionId, String eventId,
                                  String cursor, int limit) {
        return deliveries.list(tenant, status == null ? null : DeliveryState.of(status), routeId, connectionId, eventId,
                cursor, limit);
    }

    /** @throws NotFoundException when there is no such delivery */
    public DeliveryRow get(String id) {
        return deliveries.get(id).orElseThrow(() -> new NotFoundException("delivery", id));
    }

    /**
     * Puts a dead delivery back in line with a fresh retry budget.
     *
     * @return the delivery as it is now
     * @throws ConflictException when it is not dead
     */
    public DeliveryRow retry(String id) {
        DeliveryRow row = get(id);
        if (!deliveries.retry(id, clock.millis())) {
            throw new ConflictException("delivery " + id + " is " + row.status() + "; only dead deliveries can be retried");
        }
        wakeDispatcher.run();
        return get(id);
    }

    /**
     * Cancels a delivery that has not started; the next of its ordering key moves up.
     *
     * @return the delivery as it is now
     * @throws ConflictException when it is in flight or finished
     */
    public DeliveryRow cancel(String id) {
        get(id); // 404 when there is no such delivery
        Outbox.Cancel cancel = deliveries.cancel(id, clock.millis());
        switch (cancel.outcome()) {
            case CANCELLED -> {
            }
            case STARTED -> throw new ConflictException("delivery " + id + " is " + get(id).status()
                    + "; only pending or queued deliveries can be cancelled");
            case SENDING_HERE -> throw new ConflictException("delivery " + id + " is queued behind its "
                    + "conversation's current message, and this node has already taken it to send next; it can no "
                    + "longer be cancelled");
            case HELD_BY_NODE -> throw new ConflictException("delivery " + id + " is queued behind its "
                    + "conversation's current message, which node " + cancel.node() + " is sending; that node sends "
                    + "the conversation's queued messages one after another, so cancel it through that node's API, "
                    + "or wait until the conversation is idle");
        }
        wakeDispatcher.run();
        return get(id);
    }

    /** @return how many dead deliveries of {@code tenant} (null: any) were put back in line */
    public int retryDead(String tenant, Bulk bulk) {
        int n = deliveries.retryDead(selection(tenant, bulk), clock.millis());
        if (n > 0) {
            wakeDispatcher.run();
        }
        return n;
    }

    /** @return how many deliveries of {@code tenant} (null: any) not yet started were cancelled */
    public int cancel(String tenant, Bulk bulk) {
        return deliveries.cancel(selection(tenant, bulk), clock.millis());
    }

    private static Outbox.Selection selection(String tenant, Bulk b) {
        if (b.route() == null && b.connection() == null && b.createdSince() == null && b.createdUntil() == null) {
            throw new ValidationException("body", "name at least one of route, connection, createdSince, "
                    + "createdUntil: a bulk operation on every delivery is refused");
        }
        if (b.limit() != null && (b.limit() < 1 || b.limit() > MAX_BULK)) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_BULK);
        }
        return new Outbox.Selection(tenant, b.route(), b.connection(),
                b.createdSince() == null ? null : b.createdSince().toEpochMilli(),
                b.createdUntil() == null ? null : b.createdUntil().toEpochMilli(), b.limit() == null ? MAX_BULK : b.limit());
    }
}
