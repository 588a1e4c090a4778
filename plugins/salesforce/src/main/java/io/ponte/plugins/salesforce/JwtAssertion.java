package io.ponte.plugins.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The JWT bearer flow's assertion (RFC 7523 as Salesforce takes it): header {@code {"alg":"RS256"}}, claims
 * {@code iss} (the consumer key), {@code sub} (the username), {@code aud} (the login URL) and {@code exp}, signed
 * with SHA-256 over RSA. Stateless; thread-safe. Never logs or quotes the key.
 */
final class JwtAssertion {

    /** Salesforce accepts an assertion for up to three minutes; we ask for that. */
    static final long LIFETIME_SECONDS = 180;

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private JwtAssertion() {
    }

    /**
     * Reads an RSA private key in PKCS#8 PEM, on one line or many, with {@code \n} escapes or real newlines.
     *
     * @throws IllegalArgumentException in words that never quote the key
     */
    static PrivateKey readKey(String pem) {
        String text = pem.replace("\\n", "\n").strip();
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("must be an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in server.key");
        }
        String body = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("is not an RSA private key in PKCS#8 PEM "
                    + "(-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----)");
        }
    }

    /**
     * Signs an assertion.
     *
     * @param now the hub's clock now; {@code exp} is {@value #LIFETIME_SECONDS} seconds later
     */
    static String sign(PrivateKey key, String clientId, String username, String audience, Instant now) {
        String header = B64URL.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = B64URL.encodeToString(("{\"iss\":" + quoted(clientId) + ",\"sub\":" + quoted(username)
                + ",\"aud\":" + quoted(audience) + ",\"exp\":" + (now.getEpochSecond() + LIFETIME_SECONDS) + "}")
                .getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + claims;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the JWT assertion: " + e.getClass().getSimpleName(), e);
        }
    }

    private static String quoted(String value) {
        return io.ponte.kit.PluginJson.mapper().getNodeFactory().textNode(value).toString();
    }
}
