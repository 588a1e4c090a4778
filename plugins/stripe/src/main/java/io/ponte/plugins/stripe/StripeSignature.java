package io.ponte.plugins.stripe;

import io.ponte.api.error.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature ({@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]}): HMAC-SHA256
 * with the endpoint secret's UTF-8 bytes ({@code whsec_} prefix included, not decoded) over
 * {@code <t>.<raw body>}. Any {@code v1} may match (two are sent while a secret rolls); {@code v0} and other schemes
 * are ignored; {@code t} must lie within {@link #TOLERANCE} of the receiver's clock. Refusals say what Stripe's own
 * libraries say ({@code Webhook.Signature.verifyHeader}), and never reveal the expected signature.
 *
 * <p>Immutable and thread-safe; compares in constant time.
 */
public final class StripeSignature {

    /** The request header. */
    public static final String HEADER = "Stripe-Signature";
    /** Stripe's libraries' default tolerance. */
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    /** Stripe's words for a header without a readable {@code t} and signatures. */
    static final String UNREADABLE = "Unable to extract timestamp and signatures from header";
    /** Stripe's words for a header without a {@code v1} entry. */
    static final String NO_V1 = "No signatures found with expected scheme";
    /** Stripe's words for signatures that do not match. */
    static final String NO_MATCH = "No signatures found matching the expected signature for payload";
    /** Stripe's words for a timestamp too far from now. */
    static final String STALE = "Timestamp outside the tolerance zone";

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /**
     * @param secret the endpoint's signing secret ({@code whsec_…}), used as its UTF-8 bytes; never empty
     */
    public StripeSignature(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * Signs a payload as Stripe does.
     *
     * @return the {@code Stripe-Signature} value {@code t=<timestamp>,v1=<hex>}
     */
    public String header(long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HEX.formatHex(mac(Long.toString(timestamp), body));
    }

    /**
     * Verifies a request's {@code Stripe-Signature} over its raw body.
     *
     * @param header the header value, or null when absent
     * @param body   the raw body, exactly as received
     * @param now    the receiver's clock
     * @throws WebhookRejectedException 400 for a missing or unreadable header (Stripe's libraries raise the same
     *                                  error for both), 401 for a signature that does not verify or is stale
     */
    public void verify(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            throw WebhookRejectedException.badRequest(HEADER + " header is missing: " + UNREADABLE);
        }
        String timestamp = null;
        List<String> v1 = new ArrayList<>();
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            if (name.equals("t")) {
                timestamp = value;
            } else if (name.equals("v1")) {
                v1.add(value);
            }
        }
        if (timestamp == null || !digits(timestamp)) {
            throw WebhookRejectedException.badRequest(UNREADABLE);
        }
        if (v1.isEmpty()) {
            throw WebhookRejectedException.badRequest(NO_V1);
        }
        byte[] expected = mac(timestamp, body);
        boolean matched = false;
        for (String candidate : v1) {
            matched |= MessageDigest.isEqual(expected, hexOrNothing(candidate));
        }
        if (!matched) {
            throw WebhookRejectedException.unauthorized(NO_MATCH);
        }
        // Checked after the signature, as Stripe's libraries do: a forged t cannot tell whether it was in time.
        if (Math.abs(Long.parseLong(timestamp) - now.getEpochSecond()) > TOLERANCE.toSeconds()) {
            throw WebhookRejectedException.unauthorized(STALE);
        }
    }

    /** The bytes of a 64-digit hex signature; no bytes (which never match) for anything else. */
    private static byte[] hexOrNothing(String candidate) {
        boolean hex = candidate.length() == 64 && candidate.chars().allMatch(c -> Character.digit(c, 16) >= 0);
        return hex ? HEX.parseHex(candidate) : new byte[0];
    }

    private static boolean digits(String value) {
        return !value.isEmpty() && value.length() <= 18 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(body);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory on every Java platform, and the key is a SecretKeySpec built for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "StripeSignature[secret=***]";
    }
}
