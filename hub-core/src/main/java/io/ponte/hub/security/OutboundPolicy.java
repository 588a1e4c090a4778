package io.ponte.hub.security;

import io.ponte.hub.config.OutboundMode;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where connections may call (SSRF protection). By default link-local addresses, where cloud metadata services
 * live ({@code 169.254.169.254} ...), are denied; {@code strict} also denies loopback, private, shared and unspecified
 * ranges. Hosts on the allowlist ({@code api.example.com}, or {@code *.example.com}) are always allowed. Checked when
 * a connection is saved (its URL fields) and on every request through the hub's HTTP client, after DNS resolution.
 */
public final class OutboundPolicy {

    private static final List<String> METADATA_HOSTS = List.of("metadata.google.internal", "metadata");

    private final OutboundMode mode;
    private final List<String> allow;

    public OutboundPolicy(OutboundMode mode, List<String> allow) {
        this.mode = mode;
        this.allow = allow.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).toList();
    }

    public static OutboundPolicy permissive() {
        return new OutboundPolicy(OutboundMode.OFF, List.of());
    }

    /**
     * The policy for connections a tenant-scoped key saved: public addresses only ({@link OutboundMode#STRICT}), whatever
     * the operator's own mode, with the operator's allowlist.
     */
    public OutboundPolicy forTenants() {
        return new OutboundPolicy(OutboundMode.STRICT, allow);
    }

    /**
     * Why a request to this URI is denied, or empty when it may go. Resolves the host; a host that does not resolve
     * is allowed here (the request fails on its own).
     */
    public Optional<String> check(URI uri) {
        String host = uri.getHost();
        if (mode == OutboundMode.OFF || host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (allowed(h)) {
            return Optional.empty();
        }
        if (METADATA_HOSTS.contains(h)) {
            return Optional.of(host + " is a cloud metadata service");
        }
        InetAddress[] addresses;
        try {
            // pinned: the connection that follows uses exactly these addresses (no second, rebound answer)
            addresses = PinnedResolver.pin(h);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress a : addresses) {
            String why = denied(a);
            if (why != null) {
                return Optional.of(host + " resolves to " + a.getHostAddress() + ", " + why);
            }
        }
        return Optional.empty();
    }

    private boolean allowed(String host) {
        for (String a : allow) {
            if (a.equals(host) || (a.startsWith("*.") && host.endsWith(a.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    private String denied(InetAddress a) {
        InetAddress v4 = embeddedV4(a);
        if (v4 != null) {
            String why = denied(v4);
            return why == null ? null : "an IPv6 address carrying " + v4.getHostAddress() + ", " + why;
        }
        if (a.isLinkLocalAddress() || isMetadata(a)) {
            return "a link-local or cloud metadata address";
        }
        if (mode == OutboundMode.STRICT) {
            if (a.isLoopbackAddress()) {
                return "a loopback address (strict policy: only public addresses)";
            }
            if (a.isSiteLocalAddress() || a.isAnyLocalAddress() || isPrivateV6(a) || isShared(a)
                    || a.isMulticastAddress() || isTeredo(a)) {
                return "a private or special-purpose address (strict policy: only public addresses)";
            }
        }
        return null;
    }

    /**
     * The IPv4 address inside an IPv6 one that reaches it: NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16),
     * IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d, which Java usually turns into IPv4 itself).
     */
    static InetAddress embeddedV4(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return null;
        }
        byte[] b = a.getAddress();
        byte[] v4 = null;
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        if (zeros80 && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            boolean v4zero = b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1);
            if (!v4zero) { // :: and ::1 are themselves, not IPv4
                v4 = java.util.Arrays.copyOfRange(b, 12, 16);
            }
        } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            v4 = java.util.Arrays.copyOfRange(b, 12, 16);
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            v4 = java.util.Arrays.copyOfRange(b, 2, 6);
        }
        if (v4 == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** 2001::/32: Teredo tunnels, which reach an obfuscated IPv4 address. */
    private static boolean isTeredo(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet6Address && b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0;
    }

    /** AWS's IPv6 metadata address and Alibaba Cloud's. */
    private static boolean isMetadata(InetAddress a) {
        String s = a.getHostAddress();
        return s.equals("100.100.100.200") || s.startsWith("fd00:ec2:0:0:0:0:0:254");
    }

    /** fc00::/7, unique local addresses. */
    private static boolean isPrivateV6(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC;
    }

    /** 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8. */
    private static boolean isShared(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            return false;
        }
        byte[] b = a.getAddress();
        return (b[0] == 100 && (b[1] & 0xC0) == 64) || b[0] == 0;
    }
}
