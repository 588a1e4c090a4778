package io.ponte.hub.security;

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

    /** How much is denied. */
    public enum Mode {
        /** Link-local and cloud metadata addresses. */ DEFAULT,
        /** Also loopback and private networks. */ STRICT,
        /** Nothing (a trusted single-tenant install that must reach its metadata service). */ OFF
    }

    private static final List<String> METADATA_HOSTS = List.of("metadata.google.internal", "metadata");

    private final Mode mode;
    private final List<String> allow;

    public OutboundPolicy(Mode mode, List<String> allow) {
        this.mode = mode;
        this.allow = allow.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).toList();
    }

    public static OutboundPolicy permissive() {
        return new OutboundPolicy(Mode.OFF, List.of());
    }

    /**
     * Why a request to this URI is denied, or empty when it may go. Resolves the host; a host that does not resolve
     * is allowed here (the request fails on its own).
     */
    public Optional<String> check(URI uri) {
        String host = uri.getHost();
        if (mode == Mode.OFF || host == null) {
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
            addresses = InetAddress.getAllByName(h);
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
        if (a.isLinkLocalAddress() || isMetadata(a)) {
            return "a link-local or cloud metadata address";
        }
        if (mode == Mode.STRICT) {
            if (a.isLoopbackAddress()) {
                return "a loopback address (PONTE_OUTBOUND_POLICY=strict)";
            }
            if (a.isSiteLocalAddress() || a.isAnyLocalAddress() || isPrivateV6(a) || isShared(a)) {
                return "a private address (PONTE_OUTBOUND_POLICY=strict)";
            }
        }
        return null;
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
