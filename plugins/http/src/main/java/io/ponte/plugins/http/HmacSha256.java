package io.ponte.plugins.http;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** HMAC-SHA256 over several parts (Standard Webhooks signs {@code id.timestamp.body} without joining them first). */
final class HmacSha256 {

    static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {
    }

    /** The MAC of the parts, concatenated. A new {@link Mac} per call: {@code Mac} is not thread-safe. */
    static byte[] of(SecretKey key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory on every Java platform, and the key is a SecretKeySpec built for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
