package io.ponte.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test-side signing, written from the specifications (not from the plugin's code). */
final class Signatures {

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

    /** {@code X-Ponte-Signature: sha256=<hex HMAC-SHA256 of the raw body>}. */
    static String ponte(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Standard Webhooks {@code webhook-signature} for a {@code whsec_} secret. */
    static String standard(String whsecSecret, String id, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, id + "." + timestamp + "." + body));
    }
}
