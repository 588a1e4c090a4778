package io.ponte.plugins.http;

import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric scheme of the Standard Webhooks specification (standardwebhooks.com): HMAC-SHA256 over
 * {@code msgId.timestamp.body}, sent as {@code webhook-signature: v1,<base64>} next to {@code webhook-id} and
 * {@code webhook-timestamp}. Signs outbound requests and verifies inbound ones.
 *
 * <p>Immutable and thread-safe. Verification compares in constant time ({@link MessageDigest#isEqual}) and never
 * reveals the expected signature in its errors.
 */
public final class StandardWebhooks {

    /** The prefix of a serialized Standard Webhooks secret; the rest is base64. */
    public static final String SECRET_PREFIX = "whsec_";
    /** The message id header: stable across retries, the receiver's idempotency key. */
    public static final String ID_HEADER = "webhook-id";
    /** The attempt's unix time in seconds. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** A space-separated list of {@code <version>,<base64 signature>}. */
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** How far {@code webhook-timestamp} may be from the receiver's clock, in either direction. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1";
    private static final byte[] DOT = {'.'};

    private final SecretKey key;

    /**
     * A signer/verifier for one key.
     *
     * @param key the HMAC key, see {@link #signingKey(String)}
     */
    public StandardWebhooks(SecretKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Turns a configured secret into an HMAC key: {@code whsec_<base64>} is base64-decoded after the prefix (the
     * Standard Webhooks serialization); anything else is used as its raw UTF-8 bytes.
     *
     * @param secret the configured secret; never null
     * @return the key
     * @throws IllegalArgumentException when the secret is empty or a {@code whsec_} secret is not base64 (the
     *                                  message never contains the secret)
     */
    public static SecretKeySpec signingKey(String secret) {
        byte[] bytes;
        if (secret.startsWith(SECRET_PREFIX)) {
            try {
                bytes = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a secret starting with whsec_ must be base64 after the prefix");
            }
            if (bytes.length == 0) {
                throw new IllegalArgumentException(
                        "a secret starting with whsec_ must have key bytes after the prefix");
            }
        } else {
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("the secret must not be empty");
            }
            bytes = secret.getBytes(StandardCharsets.UTF_8);
        }
        return new SecretKeySpec(bytes, HmacSha256.ALGORITHM);
    }

    /**
     * Signs one attempt.
     *
     * @param msgId     the message id ({@code webhook-id})
     * @param timestamp the attempt's unix time in seconds ({@code webhook-timestamp})
     * @param body      the exact body bytes sent
     * @return the {@code webhook-signature} value, {@code v1,<base64>}
     */
    public String sign(String msgId, long timestamp, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(msgId, Long.toString(timestamp), body));
    }

    /**
     * Verifies a request's {@code webhook-*} headers over its raw body.
     *
     * @param request the inbound request
     * @param now     the receiver's clock
     * @throws WebhookRejectedException 401, naming the header that is missing, malformed, expired or wrong
     */
    public void verify(WebhookRequest request, Instant now) {
        verify(request.header(ID_HEADER).orElse(null), request.header(TIMESTAMP_HEADER).orElse(null),
                request.header(SIGNATURE_HEADER).orElse(null), request.body(), now);
    }

    /**
     * Verifies one attempt. Passes when any {@code v1} entry of {@code signatures} matches; entries of other
     * versions (such as {@code v1a}, the asymmetric scheme) are ignored.
     *
     * @param msgId      the {@code webhook-id} value, or null when absent
     * @param timestamp  the {@code webhook-timestamp} value, or null when absent
     * @param signatures the {@code webhook-signature} value, or null when absent
     * @param body       the raw body bytes
     * @param now        the receiver's clock
     * @throws WebhookRejectedException 401, naming the header that is missing, malformed, expired or wrong
     */
    public void verify(String msgId, String timestamp, String signatures, byte[] body, Instant now) {
        if (msgId == null || msgId.isBlank()) {
            throw WebhookRejectedException.unauthorized(ID_HEADER + " header is missing");
        }
        if (timestamp == null || timestamp.isBlank()) {
            throw WebhookRejectedException.unauthorized(TIMESTAMP_HEADER + " header is missing");
        }
        if (signatures == null || signatures.isBlank()) {
            throw WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " header is missing");
        }
        long seconds = parseSeconds(timestamp.strip());
        long skew = seconds - now.getEpochSecond();
        if (skew < -TOLERANCE.toSeconds()) {
            throw WebhookRejectedException.unauthorized(TIMESTAMP_HEADER + " has expired: it is more than "
                    + TOLERANCE.toMinutes() + " minutes in the past");
        }
        if (skew > TOLERANCE.toSeconds()) {
            throw WebhookRejectedException.unauthorized(TIMESTAMP_HEADER + " is more than "
                    + TOLERANCE.toMinutes() + " minutes in the future");
        }
        // Sign the header text as received (not a re-rendered number), exactly like the sender did.
        byte[] expected = mac(msgId, timestamp.strip(), body);
        boolean sawV1 = false;
        for (String entry : signatures.strip().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals(VERSION)) {
                continue;
            }
            sawV1 = true;
            byte[] candidate;
            try {
                candidate = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            if (MessageDigest.isEqual(expected, candidate)) {
                return;
            }
        }
        throw WebhookRejectedException.unauthorized(sawV1
                ? SIGNATURE_HEADER + " does not match: no v1 signature verifies with this connection's secret"
                : SIGNATURE_HEADER + " has no v1 signature");
    }

    private static long parseSeconds(String timestamp) {
        // Digits only: Long.parseLong alone would also take "+123" or "-5".
        if (timestamp.isEmpty() || timestamp.length() > 18 || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw WebhookRejectedException.unauthorized(TIMESTAMP_HEADER + " must be a unix time in seconds");
        }
        return Long.parseLong(timestamp);
    }

    private byte[] mac(String msgId, String timestamp, byte[] body) {
        return HmacSha256.of(key, msgId.getBytes(StandardCharsets.UTF_8), DOT,
                timestamp.getBytes(StandardCharsets.US_ASCII), DOT, body);
    }
}
