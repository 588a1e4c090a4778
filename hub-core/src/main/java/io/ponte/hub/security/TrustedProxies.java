package io.ponte.hub.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address behind reverse proxies the operator trusts ({@code PONTE_TRUSTED_PROXIES}): when the
 * connection comes from a trusted proxy, the client is the right-most {@code X-Forwarded-For} entry that is not
 * itself a trusted proxy; otherwise the connection's own address, whatever the header says (anyone can write it).
 * Per-address limits (refused tokens, forged webhooks) count the real client, not the proxy every request shares.
 */
public final class TrustedProxies {

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            return rest == 0 || ((address[full] ^ network[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** No proxy trusted: the connection's address is the client. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * @param entries IP addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1})
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static TrustedProxies of(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.strip();
            int slash = e.indexOf('/');
            byte[] network = literal(slash < 0 ? e : e.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("'" + e + "' is not an IP address or a CIDR range");
            }
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("'" + e + "' has no valid prefix length");
                }
            }
            ranges.add(new Range(network, bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    /**
     * @param remote        the address the connection came from
     * @param forwardedFor  the {@code X-Forwarded-For} header, or null
     * @return the client's address
     */
    public String client(String remote, String forwardedFor) {
        if (ranges.isEmpty() || forwardedFor == null || !trusted(remote)) {
            return remote;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (literal(hop) == null) {
                return remote; // a garbled header: count the proxy rather than trust a made-up name
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return hops[0].strip();
    }

    private boolean trusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The bytes of an IP literal, or null for anything else (never a DNS lookup). */
    private static byte[] literal(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (t.isEmpty() || !(t.matches("[0-9.]+") || (t.contains(":") && t.matches("[0-9A-Fa-f:.]+")))) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
