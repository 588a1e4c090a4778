package io.ponte.hub.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Keeps the address the {@link OutboundPolicy} checked for a host the address the connection then uses: a host
 * whose DNS answers a public address to the check and a private one a moment later (DNS rebinding) gets the checked
 * answer again. Installed JVM-wide as the resolver provider (META-INF/services); hosts nobody pinned resolve as
 * always.
 *
 * <p>A pin is taken at a check and reused by the checks of the next {@link #REUSE_MS} ms, and the connect that
 * follows a check still finds it for {@link #GRACE_MS} ms after that; then the host is resolved afresh.
 */
public final class PinnedResolver extends InetAddressResolverProvider {

    static final long REUSE_MS = 30_000;
    static final long GRACE_MS = 30_000;
    private static final int MAX_PINS = 10_000;

    private record Pin(InetAddress[] addresses, long at) {
    }

    private static final Map<String, Pin> PINS = new ConcurrentHashMap<>();
    // set while pin() resolves: that lookup must reach DNS (through the JVM's cache, which a connect reads too), not
    // be answered by the pin it is replacing, or a host in steady use would keep its first answer forever
    private static final ThreadLocal<Boolean> REPINNING = new ThreadLocal<>();

    /** How a host is resolved when it is pinned. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The checked addresses of a host: the fresh pin's, else resolved now and pinned. */
    static InetAddress[] pin(String host) throws UnknownHostException {
        return pin(host, InetAddress::getAllByName);
    }

    static InetAddress[] pin(String host, Lookup lookup) throws UnknownHostException {
        return pin(host, lookup, System.currentTimeMillis());
    }

    static InetAddress[] pin(String host, Lookup lookup, long now) throws UnknownHostException {
        String key = host.toLowerCase(Locale.ROOT);
        Pin p = PINS.get(key);
        if (p != null && now - p.at() < REUSE_MS) {
            return p.addresses().clone();
        }
        InetAddress[] resolved;
        REPINNING.set(Boolean.TRUE);
        try {
            resolved = lookup.resolve(host);
        } finally {
            REPINNING.remove();
        }
        if (PINS.size() >= MAX_PINS) {
            PINS.values().removeIf(old -> now - old.at() >= REUSE_MS + GRACE_MS);
        }
        PINS.put(key, new Pin(resolved.clone(), now));
        return resolved;
    }

    /** Forgets a host's pin, so the next check resolves it afresh (what the pin's expiry does, now; for tests). */
    static void unpin(String host) {
        PINS.remove(host.toLowerCase(Locale.ROOT));
    }

    /** The addresses a check pinned for a host and a connection may still use, or null when none is pinned. */
    static InetAddress[] pinned(String host) {
        Pin p = PINS.get(host.toLowerCase(Locale.ROOT));
        return p != null && System.currentTimeMillis() - p.at() < REUSE_MS + GRACE_MS ? p.addresses() : null;
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        return over(configuration.builtinResolver());
    }

    /** The pinning resolver in front of another (the JVM's built-in one). */
    static InetAddressResolver over(InetAddressResolver builtin) {
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                InetAddress[] pinned = REPINNING.get() != null ? null : pinned(host);
                if (pinned == null) {
                    return builtin.lookupByName(host, policy);
                }
                boolean v4 = (policy.characteristics() & LookupPolicy.IPV4) != 0;
                boolean v6 = (policy.characteristics() & LookupPolicy.IPV6) != 0;
                InetAddress[] fit = Arrays.stream(pinned)
                        .filter(a -> a instanceof java.net.Inet4Address ? v4 : v6).toArray(InetAddress[]::new);
                if (fit.length == 0) {
                    throw new UnknownHostException(host + ": no address of the asked family among the checked ones");
                }
                return Arrays.stream(fit);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "ponte-pinned";
    }
}
