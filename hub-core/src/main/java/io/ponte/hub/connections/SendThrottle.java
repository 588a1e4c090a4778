package io.ponte.hub.connections;

import io.ponte.api.connector.SendRate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.ponte.hub.limits.Gcra;

/**
 * One connection's send limits (the connector's declared {@link SendRate}s, lowered by the admin's), as
 * {@link Gcra} buckets: each limit lets {@code permits} actions through at once and then one every
 * {@code per / permits}. {@link #reserve} books the earliest slot every limit allows and says how long to wait for
 * it. The limits are the provider's, for the whole cluster: each node keeps its share ({@link Gcra#share}) by the count
 * of live nodes (deliveries spread over the nodes through the shared outbox). Thread-safe.
 */
public final class SendThrottle {

    /** No limits. */
    public static final SendThrottle NONE = new SendThrottle(List.of());

    private static final int MAX_CONVERSATIONS = 10_000;

    private final SendRate connectionRate;
    private final SendRate conversationRate;
    private final java.util.function.IntSupplier nodes;
    private int sharedBy = 1;
    private Gcra connection;
    private final Map<String, Gcra> conversations = new ConcurrentHashMap<>();

    /**
     * @param rates the limits in force; of several with the same scope, the strictest (lowest sustained rate) counts
     * @param nodes how many nodes share the connection-wide limit now
     */
    public SendThrottle(List<SendRate> rates, java.util.function.IntSupplier nodes) {
        this.connectionRate = strictest(rates, SendRate.Scope.CONNECTION);
        this.conversationRate = strictest(rates, SendRate.Scope.CONVERSATION);
        this.nodes = nodes;
        this.connection = connectionRate == null ? null : gcra(connectionRate);
    }

    /** Limits this node keeps alone. */
    public SendThrottle(List<SendRate> rates) {
        this(rates, () -> 1);
    }

    /** The stricter of each scope among the connector's and the admin's limits. */
    public static List<SendRate> effective(List<SendRate> declared, List<SendRate> configured) {
        List<SendRate> all = new java.util.ArrayList<>(declared);
        all.addAll(configured);
        List<SendRate> out = new java.util.ArrayList<>(2);
        for (SendRate.Scope scope : SendRate.Scope.values()) {
            SendRate s = strictest(all, scope);
            if (s != null) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    public boolean limited() {
        return connectionRate != null || conversationRate != null;
    }

    /**
     * Books the next slot for one action of {@code orderingKey}'s conversation, unless that slot is more than
     * {@code maxWaitNanos} away (then nothing is booked).
     *
     * @return nanoseconds to wait before acting (0: go now); above {@code maxWaitNanos}: not booked, come back then
     */
    public long reserve(String orderingKey, long nowNanos, long maxWaitNanos) {
        if (!limited()) {
            return 0;
        }
        Gcra conversation = conversationRate == null ? null : conversation(orderingKey, nowNanos);
        synchronized (this) {
            int n = nodes.getAsInt();
            if (connectionRate != null && n != sharedBy) {
                sharedBy = n;
                connection = Gcra.share(connectionRate.permits(), connectionRate.per().toNanos(), n);
            }
            long start = nowNanos;
            if (connection != null) {
                start = Math.max(start, connection.earliest(nowNanos));
            }
            if (conversation != null) {
                start = Math.max(start, conversation.earliest(nowNanos));
            }
            long wait = start - nowNanos;
            if (wait > maxWaitNanos) {
                return wait;
            }
            if (connection != null) {
                connection.book(start);
            }
            if (conversation != null) {
                conversation.book(start);
            }
            return wait;
        }
    }

    private static Gcra gcra(SendRate rate) {
        return new Gcra(rate.permits(), rate.per().toNanos());
    }

    private Gcra conversation(String key, long nowNanos) {
        if (conversations.size() > MAX_CONVERSATIONS) {
            // idle buckets hold no debt: forgetting them changes nothing
            conversations.values().removeIf(b -> b.idle(nowNanos));
        }
        return conversations.computeIfAbsent(key, k -> gcra(conversationRate));
    }

    private static SendRate strictest(List<SendRate> rates, SendRate.Scope scope) {
        SendRate best = null;
        for (SendRate r : rates) {
            if (r.scope() == scope && (best == null || r.perSecondRate() < best.perSecondRate())) {
                best = r;
            }
        }
        return best;
    }
}
