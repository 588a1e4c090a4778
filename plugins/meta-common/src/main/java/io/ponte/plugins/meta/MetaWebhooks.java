package io.ponte.plugins.meta;

import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two checks every Meta webhook (WhatsApp Cloud API, Instagram and Messenger) shares: the subscription
 * handshake ({@code hub.mode=subscribe}, {@code hub.verify_token}, echo {@code hub.challenge}) and
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>}.
 * Stateless and thread-safe.
 */
public final class MetaWebhooks {

    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private static final String PREFIX = "sha256=";

    private MetaWebhooks() {
    }

    /**
     * Answers the subscription handshake Meta sends when the callback URL is saved.
     *
     * @param request     the GET
     * @param verifyToken the token the admin typed into the App Dashboard
     * @return 200 with the challenge as plain text
     * @throws WebhookRejectedException 400 when it is not a subscription request, 403 when the token differs
     */
    public static WebhookResponse handshake(WebhookRequest request, String verifyToken) {
        String mode = request.queryParam("hub.mode").orElse(null);
        String challenge = request.queryParam("hub.challenge").orElse(null);
        if (!"subscribe".equals(mode) || challenge == null) {
            throw WebhookRejectedException.badRequest("expected Meta's subscription handshake: "
                    + "?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...");
        }
        String token = request.queryParam("hub.verify_token").orElse("");
        if (!constantTimeEquals(token, verifyToken)) {
            throw WebhookRejectedException.forbidden("hub.verify_token does not match this connection's verifyToken");
        }
        return WebhookResponse.text(challenge);
    }

    /**
     * Checks {@code X-Hub-Signature-256} over the exact body bytes.
     *
     * @param request   the POST
     * @param appSecret the app secret (App Dashboard, Settings, Basic)
     * @throws WebhookRejectedException 401 when the header is missing, malformed or wrong
     */
    public static void verifySignature(WebhookRequest request, String appSecret) {
        String header = request.header(SIGNATURE_HEADER).orElseThrow(() ->
                WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " header missing"));
        String value = header.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(PREFIX) || value.length() != PREFIX.length() + 64) {
            throw WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " must be sha256=<64 hex digits>");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " must be sha256=<64 hex digits>");
        }
        if (!MessageDigest.isEqual(given, sign(appSecret, request.body()))) {
            throw WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " does not match the body: check the "
                    + "connection's appSecret");
        }
    }

    /** {@code sha256=<hex>} for a body: what Meta sends, and what tests and fakes use to sign. */
    public static String signatureHeader(String appSecret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(appSecret, body));
    }

    private static byte[] sign(String appSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
