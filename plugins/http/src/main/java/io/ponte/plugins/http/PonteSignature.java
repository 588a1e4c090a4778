package io.ponte.plugins.http;

import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookRequest;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * Ponte's simple inbound signature for scripts that cannot do Standard Webhooks:
 * {@code X-Ponte-Signature: sha256=<lower-case hex HMAC-SHA256 of the raw body>} (the same shape GitHub uses), easy
 * to produce with {@code openssl dgst -sha256 -hmac}. It has no timestamp, so it does not stop replays; the
 * message {@code id} dedupe does.
 *
 * <p>Immutable and thread-safe; compares in constant time.
 */
public final class PonteSignature {

    /** The header name. */
    public static final String HEADER = "X-Ponte-Signature";

    private static final String PREFIX = "sha256=";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKey key;

    /**
     * A signer/verifier for one key.
     *
     * @param key the HMAC key, see {@link StandardWebhooks#signingKey(String)}
     */
    public PonteSignature(SecretKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Signs a body.
     *
     * @param body the raw body bytes
     * @return the header value, {@code sha256=<hex>}
     */
    public String sign(byte[] body) {
        return PREFIX + HEX.formatHex(HmacSha256.of(key, body));
    }

    /**
     * Verifies a request's {@code X-Ponte-Signature} over its raw body.
     *
     * @param request the inbound request
     * @throws WebhookRejectedException 401 when the header is missing, malformed or wrong
     */
    public void verify(WebhookRequest request) {
        verify(request.header(HEADER).orElse(null), request.body());
    }

    /**
     * Verifies a header value over a body.
     *
     * @param header the header value, or null when absent
     * @param body   the raw body bytes
     * @throws WebhookRejectedException 401 when the header is missing, malformed or wrong
     */
    public void verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw WebhookRejectedException.unauthorized(HEADER + " header is missing");
        }
        String value = header.strip();
        byte[] candidate;
        try {
            if (!value.startsWith(PREFIX)) {
                throw new IllegalArgumentException("no prefix");
            }
            candidate = HEX.parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.unauthorized(HEADER
                    + " must be sha256=<hex HMAC-SHA256 of the body>");
        }
        if (!MessageDigest.isEqual(HmacSha256.of(key, body), candidate)) {
            throw WebhookRejectedException.unauthorized(HEADER + " does not match the body");
        }
    }
}
