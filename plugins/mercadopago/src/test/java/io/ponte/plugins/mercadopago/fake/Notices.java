package io.ponte.plugins.mercadopago.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mercado Pago's webhook notices as it sends them, signed: {@code POST ?data.id=<id>&type=<topic>} with the body of
 * {@code notices/payment-created.json} (or {@code order-processed.json}), {@code x-request-id} and
 * {@code x-signature: ts=<ts>,v1=<hex HMAC-SHA256 of id:<data.id>;request-id:<x-request-id>;ts:<ts>;>}.
 */
public final class Notices {

    private Notices() {
    }

    /**
     * One notice.
     *
     * @param query   the query string, without {@code ?}
     * @param headers the headers (x-signature, x-request-id)
     * @param body    the JSON body
     */
    public record Notice(String query, Map<String, String> headers, String body) {
        /** The headers as name, value, name, value ... */
        public String[] headerPairs() {
            return headers.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                    .toArray(String[]::new);
        }

        /** This notice with another {@code x-signature}, or none for null. */
        public Notice withSignature(String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            if (value == null) {
                copy.remove("x-signature");
            } else {
                copy.put("x-signature", value);
            }
            return new Notice(query, copy, body);
        }
    }

    /**
     * A {@code payment} notice ({@code payment.created} or {@code payment.updated}), signed with {@code secret}.
     *
     * @param noticeId  Mercado Pago's notification id (the body's {@code id})
     * @param requestId the {@code x-request-id}
     */
    public static Notice payment(String secret, String action, String paymentId, long noticeId, String requestId,
                                 String ts) {
        ObjectNode body = FakeMercadoPago.fixture("notices/payment-created.json");
        body.put("id", noticeId).put("action", action).put("date_created", "2026-01-01T07:01:00.000-03:00");
        ((ObjectNode) body.get("data")).put("id", paymentId);
        return signed(secret, "payment", paymentId, requestId, ts, body.toString());
    }

    /** Any body, signed for {@code ?data.id=<dataId>&type=<topic>}. */
    public static Notice signed(String secret, String topic, String dataId, String requestId, String ts,
                                String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-request-id", requestId);
        headers.put("x-signature", "ts=" + ts + ",v1=" + hmac(secret, "id:" + dataId + ";request-id:" + requestId
                + ";ts:" + ts + ";"));
        return new Notice("data.id=" + URLEncoder.encode(dataId, StandardCharsets.UTF_8) + "&type=" + topic, headers,
                body);
    }

    /** The lower-case hex HMAC-SHA256 of a manifest. */
    public static String hmac(String secret, String manifest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(manifest.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
