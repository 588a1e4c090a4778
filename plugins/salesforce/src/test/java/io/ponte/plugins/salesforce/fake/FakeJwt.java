package io.ponte.plugins.salesforce.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Checks a JWT bearer assertion as Salesforce does: RS256 signature, iss, sub, aud and an exp to come. */
final class FakeJwt {

    private FakeJwt() {
    }

    /** Why the assertion is refused (Salesforce's error_description words), or null when it is good. */
    static String refusal(String assertion, PublicKey key, String clientId, String username, String audience) {
        if (assertion == null || key == null) {
            return "invalid assertion";
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "invalid assertion";
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            JsonNode header = io.ponte.api.message.MessageJson.newMapper().readTree(b64.decode(parts[0]));
            JsonNode claims = io.ponte.api.message.MessageJson.newMapper().readTree(b64.decode(parts[1]));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!"RS256".equals(header.path("alg").asText()) || !rsa.verify(b64.decode(parts[2]))) {
                return "invalid assertion";
            }
            if (!clientId.equals(claims.path("iss").asText())) {
                return "invalid client_id";
            }
            if (!username.equals(claims.path("sub").asText())) {
                return "user hasn't approved this consumer";
            }
            if (!audience.equals(claims.path("aud").asText())) {
                return "audience is invalid";
            }
            if (claims.path("exp").asLong() <= System.currentTimeMillis() / 1000) {
                return "expired authorization code";
            }
            return null;
        } catch (Exception e) {
            return "invalid assertion";
        }
    }
}
