package io.ponte.plugins.mercadopago;

import io.ponte.api.error.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mercado Pago's webhook signature: {@code x-signature: ts=<ts>,v1=<hex>}, where {@code v1} is the lower-case hex
 * HMAC-SHA256, keyed with the application's secret signature, of the manifest
 * {@code id:<data.id of the query string>;request-id:<x-request-id>;ts:<ts>;}, each pair dropped when its value is
 * absent. Mercado Pago's docs say an alphanumeric {@code data.id} is signed lower-cased, while the SDK's newer code
 * hashes it as received; both are accepted. No replay window: Mercado Pago documents none, and a replayed notice
 * only makes the connector fetch the payment's current state again. Immutable; thread-safe.
 */
final class NoticeSignature {

    /** The signature header. */
    static final String HEADER = "x-signature";
    /** The request id header, part of the manifest. */
    static final String REQUEST_ID = "x-request-id";

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    NoticeSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /**
     * Checks a notice's signature.
     *
     * @param header    the {@code x-signature} value, or null
     * @param dataId    the query string's {@code data.id}, or null
     * @param requestId the {@code x-request-id} value, or null
     * @throws WebhookRejectedException 401 when the header is missing, malformed or does not verify
     */
    void verify(String header, String dataId, String requestId) {
        if (header == null || header.isBlank()) {
            throw WebhookRejectedException.unauthorized(HEADER + " is missing");
        }
        String ts = null;
        String v1 = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (name.equals("ts")) {
                ts = value;
            } else if (name.equals("v1")) {
                v1 = value;
            }
        }
        if (ts == null || ts.isEmpty() || v1 == null || v1.isEmpty()) {
            throw WebhookRejectedException.unauthorized(HEADER + " must be ts=<timestamp>,v1=<hex signature>");
        }
        byte[] given = v1.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean valid = MessageDigest.isEqual(given, sign(manifest(dataId, requestId, ts)));
        if (!valid && dataId != null && !dataId.equals(dataId.toLowerCase(Locale.ROOT))) {
            valid = MessageDigest.isEqual(given, sign(manifest(dataId.toLowerCase(Locale.ROOT), requestId, ts)));
        }
        if (!valid) {
            throw WebhookRejectedException.unauthorized(HEADER + " does not verify with this connection's "
                    + "webhookSecret");
        }
    }

    /** The signed text: {@code id:<data.id>;request-id:<x-request-id>;ts:<ts>;} without the absent pairs. */
    static String manifest(String dataId, String requestId, String ts) {
        StringBuilder out = new StringBuilder();
        if (dataId != null && !dataId.isEmpty()) {
            out.append("id:").append(dataId).append(';');
        }
        if (requestId != null && !requestId.isEmpty()) {
            out.append("request-id:").append(requestId).append(';');
        }
        return out.append("ts:").append(ts).append(';').toString();
    }

    /** The lower-case hex HMAC of a manifest, as ASCII bytes. */
    byte[] sign(String manifest) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(manifest.getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        }
    }
}
