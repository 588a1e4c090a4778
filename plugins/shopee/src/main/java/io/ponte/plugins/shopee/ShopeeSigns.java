package io.ponte.plugins.shopee;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopee's signatures, all lowercase hex HMAC-SHA256 keyed with the partner key (UTF-8): the v2 API's {@code sign}
 * (shop calls: {@code partner_id + path + timestamp + access_token + shop_id}; public calls:
 * {@code partner_id + path + timestamp}) and a push's {@code Authorization} ({@code <callback URL>|<raw body>}).
 * Stateless; thread-safe. Signs are secrets of the moment: never log them.
 */
final class ShopeeSigns {

    private ShopeeSigns() {
    }

    /** The {@code sign} of a Shop API call. */
    static String shop(String partnerKey, String partnerId, String path, long timestamp, String accessToken,
                       String shopId) {
        return hmac(partnerKey, partnerId + path + timestamp + accessToken + shopId);
    }

    /** The {@code sign} of a Public API call (the token refresh). */
    static String publicCall(String partnerKey, String partnerId, String path, long timestamp) {
        return hmac(partnerKey, partnerId + path + timestamp);
    }

    /** The {@code Authorization} of a push: over the callback URL as Shopee called it, {@code |}, the raw body. */
    static String push(String partnerKey, String callbackUrl, byte[] rawBody) {
        byte[] url = (callbackUrl + "|").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[url.length + rawBody.length];
        System.arraycopy(url, 0, message, 0, url.length);
        System.arraycopy(rawBody, 0, message, url.length, rawBody.length);
        return HexFormat.of().formatHex(mac(partnerKey).doFinal(message));
    }

    static String hmac(String key, String message) {
        return HexFormat.of().formatHex(mac(key).doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac mac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
