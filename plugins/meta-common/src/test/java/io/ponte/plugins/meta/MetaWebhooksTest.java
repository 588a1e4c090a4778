package io.ponte.plugins.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaWebhooksTest {

    // Body in Meta's serialization (non-ASCII as \\u escapes); signature computed independently with
    // `printf '%s' "$BODY" | openssl dgst -sha256 -hmac ponte-test-app-secret-7f3a`.
    private static final String BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
            + "\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
            + "\"15550783881\",\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":"
            + "\"Jo\\u00e3o\"},\"wa_id\":\"5511987650001\"}],\"messages\":[{\"from\":\"5511987650001\",\"id\":"
            + "\"wamid.PONTE-TEST-0001\",\"timestamp\":\"1767261600\",\"text\":{\"body\":\"Ol\\u00e1, tem em estoque?\"},"
            + "\"type\":\"text\"}]},\"field\":\"messages\"}]}]}";
    private static final String SECRET = "ponte-test-app-secret-7f3a";
    private static final String SIGNATURE = "sha256=759915fa2ad8bd7189c038497af3aa72713c6a2724ad41442ee5275e00a0a36c";

    private static WebhookRequest post(String body, String signature) {
        Map<String, List<String>> headers = signature == null ? Map.of()
                : Map.of("x-hub-signature-256", List.of(signature));
        return new WebhookRequest("POST", headers, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void accepts_the_signature_meta_computes_over_the_raw_body() {
        MetaWebhooks.verifySignature(post(BODY, SIGNATURE), SECRET);
        assertThat(MetaWebhooks.signatureHeader(SECRET, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(SIGNATURE);
    }

    @Test
    void rejects_a_tampered_body_a_wrong_secret_a_missing_or_malformed_header_with_401() {
        for (WebhookRequest bad : List.of(post(BODY.replace("estoque?", "estoque!"), SIGNATURE),
                post(BODY, null), post(BODY, "sha1=abc"), post(BODY, "sha256=" + "z".repeat(64)))) {
            assertThatThrownBy(() -> MetaWebhooks.verifySignature(bad, SECRET))
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
        assertThatThrownBy(() -> MetaWebhooks.verifySignature(post(BODY, SIGNATURE), "another-secret"))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("appSecret");
    }

    @Test
    void echoes_the_challenge_for_the_right_verify_token_and_refuses_a_wrong_one_with_403() {
        WebhookResponse ok = MetaWebhooks.handshake(get("subscribe", "vibecoding", "1158201444"), "vibecoding");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.contentType()).startsWith("text/plain");
        assertThatThrownBy(() -> MetaWebhooks.handshake(get("subscribe", "wrong", "1"), "vibecoding"))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> MetaWebhooks.handshake(get("unsubscribe", "vibecoding", "1"), "vibecoding"))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static WebhookRequest get(String mode, String token, String challenge) {
        return new WebhookRequest("GET", Map.of(), Map.of("hub.mode", List.of(mode), "hub.verify_token",
                List.of(token), "hub.challenge", List.of(challenge)), new byte[0]);
    }
}
