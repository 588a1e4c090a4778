package io.ponte.plugins.hubspot;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's webhook signature v3: {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(client secret, method + URI +
 * body + timestamp)), the URI with HubSpot's list of percent-escapes decoded, the timestamp
 * ({@code X-HubSpot-Request-Timestamp}, epoch milliseconds) at most {@link #MAX_AGE} old. Immutable; thread-safe.
 */
final class WebhookSignature {

    /** The header with the signature. */
    static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";
    /** The header with the timestamp in epoch milliseconds. */
    static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
    /** How old a request may be: HubSpot's 5 minutes (its SDKs' {@code MAX_ALLOWED_TIMESTAMP}). */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** The escapes HubSpot decodes before hashing (its "validating requests" page). */
    private static final Map<String, String> DECODED = Map.ofEntries(Map.entry("%3A", ":"), Map.entry("%2F", "/"),
            Map.entry("%3F", "?"), Map.entry("%40", "@"), Map.entry("%21", "!"), Map.entry("%24", "$"),
            Map.entry("%27", "'"), Map.entry("%28", "("), Map.entry("%29", ")"), Map.entry("%2A", "*"),
            Map.entry("%2C", ","), Map.entry("%3B", ";"));

    private final byte[] secret;

    WebhookSignature(String clientSecret) {
        this.secret = clientSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The v3 signature of a request. */
    String sign(String method, String uri, byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((method + decode(uri)).getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * Why a request is not HubSpot's, or null when it is.
     *
     * @param signature the header's value, or null
     * @param timestamp the timestamp header's value, or null
     * @param now       the hub's clock
     */
    String refusal(String method, String uri, byte[] body, String signature, String timestamp, Instant now) {
        if (signature == null || timestamp == null) {
            return "missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER;
        }
        if (!timestamp.matches("[0-9]{1,15}")) {
            return TIMESTAMP_HEADER + " is not epoch milliseconds";
        }
        Duration age = Duration.between(Instant.ofEpochMilli(Long.parseLong(timestamp)), now).abs();
        if (age.compareTo(MAX_AGE) > 0) {
            return "the request's timestamp is more than 5 minutes from the hub's clock";
        }
        byte[] expected = sign(method, uri, body, timestamp).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8)) ? null
                : "the signature does not match";
    }

    private static String decode(String uri) {
        StringBuilder out = new StringBuilder(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            String escape = i + 3 <= uri.length() && uri.charAt(i) == '%'
                    ? DECODED.get(uri.substring(i, i + 3).toUpperCase(java.util.Locale.ROOT)) : null;
            if (escape != null) {
                out.append(escape);
                i += 2;
            } else {
                out.append(uri.charAt(i));
            }
        }
        return out.toString();
    }
}
