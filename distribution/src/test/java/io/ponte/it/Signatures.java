package io.ponte.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test-side signing, written from the specifications (not from the plugin's code). */
final class Signatures {

    private static final AtomicLong IDS = new AtomicLong();

    private Signatures() {
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Standard Webhooks {@code webhook-signature}: a {@code whsec_} secret's key is the base64 after the prefix, any
     * other secret's key is its UTF-8 bytes.
     */
    static String standard(String secret, String id, long timestamp, String body) {
        byte[] key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, id + "." + timestamp + "." + body));
    }

    /** The three Standard Webhooks headers (name, value, ...) for a request sent now, with a fresh message id. */
    static String[] standardHeaders(String secret, String body) {
        String id = "msg_it_" + IDS.incrementAndGet();
        long now = System.currentTimeMillis() / 1000;
        return new String[] {"webhook-id", id, "webhook-timestamp", Long.toString(now),
                "webhook-signature", standard(secret, id, now, body)};
    }
}
