package io.ponte.plugins.whatsapp;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the access token may go with a media download. The URL comes from the Graph API's answer, so it is data,
 * not configuration: whoever can shape that answer (a compromised or mistaken proxy, a test double left in place)
 * would otherwise collect the token. Allowed are https URLs on Meta's own domains (the real media URL is on
 * {@code lookaside.fbsbx.com}) and URLs on the configured {@code apiBaseUrl}'s scheme, host and port, which is how
 * tests and Graph-compatible proxies the admin chose keep working. Immutable; thread-safe.
 */
final class MediaUrlPolicy {

    /** Meta's domains; a host is one of them or a subdomain of one. */
    static final List<String> META_DOMAINS = List.of("facebook.com", "fbsbx.com", "fbcdn.net", "whatsapp.net");

    private final URI apiBaseUrl;

    /**
     * A policy for one connection.
     *
     * @param apiBaseUrl the connection's configured Graph API base URL
     */
    MediaUrlPolicy(URI apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    /**
     * Checks a media URL.
     *
     * @param url the URL the Graph API gave
     * @return empty when the token may be sent there, else why not (names the host, never the path or query)
     */
    Optional<String> refusal(URI url) {
        String host = url.getHost() == null ? null : url.getHost().toLowerCase(Locale.ROOT);
        if (host == null || url.getRawUserInfo() != null) {
            return Optional.of("the Graph API gave a media URL without a plain host; refusing to send the access "
                    + "token there");
        }
        if (sameOrigin(url, apiBaseUrl)) {
            return Optional.empty();
        }
        boolean meta = META_DOMAINS.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d));
        if (meta && "https".equalsIgnoreCase(url.getScheme()) && (url.getPort() == -1 || url.getPort() == 443)) {
            return Optional.empty();
        }
        return Optional.of("the Graph API gave a media URL on " + host + (url.getPort() == -1 ? "" : ":"
                + url.getPort()) + ", which is neither an https URL on Meta's domains (" + String.join(", ",
                META_DOMAINS.stream().map(d -> "*." + d).toList()) + ") nor on the apiBaseUrl host "
                + apiBaseUrl.getHost() + "; refusing to send the access token there");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
