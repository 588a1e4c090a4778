package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Meta's subscription handshake and {@code X-Hub-Signature-256}, against the signed fixture. */
class WebhookAuthenticityTest {

    private final WebhookReceiver receiver = new WhatsAppConnectorFactory()
            .open(Fixtures.context("http://127.0.0.1:9/v21.0")).webhook().orElseThrow();

    private static final JsonNode VECTOR = Fixtures.json(new String(Fixtures.bytes("signed/vector.json"),
            StandardCharsets.UTF_8));
    private static final byte[] BODY = Fixtures.bytes("signed/body.json");

    @Test
    void accepts_the_signed_capture_with_its_independently_computed_signature() {
        WebhookRequest request = Fixtures.post(BODY, "X-Hub-Signature-256", VECTOR.get("header_value").asText());

        ChatMessage chat = (ChatMessage) Fixtures.only(receiver.receive(request).envelopes()).payload();

        assertThat(VECTOR.get("app_secret").asText()).isEqualTo(Fixtures.APP_SECRET);
        assertThat(chat.content()).isEqualTo(new Content.Text("Olá, tudo bem? \uD83D\uDE00"));
        assertThat(chat.from().name()).isEqualTo("João Pereira");
    }

    @Test
    void rejects_a_webhook_with_a_bad_signature() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("tudo bem", "tudo mal")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> receiver.receive(Fixtures.post(tampered, "X-Hub-Signature-256",
                VECTOR.get("header_value").asText())))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void rejects_a_webhook_signed_with_another_app_secret() {
        WebhookRequest request = Fixtures.post(BODY, "X-Hub-Signature-256",
                io.ponte.plugins.meta.MetaWebhooks.signatureHeader("some-other-apps-secret", BODY));

        assertThatThrownBy(() -> receiver.receive(request))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void rejects_a_webhook_without_a_signature_or_with_a_malformed_one() {
        for (WebhookRequest request : List.of(Fixtures.post(BODY),
                Fixtures.post(BODY, "X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567"),
                Fixtures.post(BODY, "X-Hub-Signature-256", "sha256=not-hex"))) {
            assertThatThrownBy(() -> receiver.receive(request))
                    .isInstanceOfSatisfying(WebhookRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    @Test
    void checks_the_signature_before_parsing_so_unsigned_garbage_is_401_not_400() {
        assertThatThrownBy(() -> receiver.receive(Fixtures.post("not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void answers_the_subscription_handshake_with_the_challenge() {
        WebhookResponse response = receiver.handshake(handshake("subscribe", Fixtures.VERIFY_TOKEN, "1158201444"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1158201444");
        assertThat(response.contentType()).startsWith("text/plain");
    }

    @Test
    void refuses_the_handshake_with_a_wrong_verify_token_with_403() {
        assertThatThrownBy(() -> receiver.handshake(handshake("subscribe", "guessed", "1158201444")))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).doesNotContain(Fixtures.VERIFY_TOKEN);
                });
    }

    @Test
    void refuses_a_get_that_is_not_a_subscription_handshake() {
        assertThatThrownBy(() -> receiver.handshake(handshake("unsubscribe", Fixtures.VERIFY_TOKEN, "1")))
                .isInstanceOfSatisfying(WebhookRejectedException.class,
                        e -> assertThat(e.status()).isBetween(400, 403));
    }

    @Test
    void never_names_the_expected_signature_in_a_rejection() {
        String expected = io.ponte.plugins.meta.MetaWebhooks.signatureHeader(Fixtures.APP_SECRET, BODY);
        byte[] other = Arrays.copyOf(BODY, BODY.length - 1);

        assertThatThrownBy(() -> receiver.receive(Fixtures.post(other, "X-Hub-Signature-256", expected)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain(expected.substring(7)).doesNotContain(Fixtures.APP_SECRET);
                });
    }

    private static WebhookRequest handshake(String mode, String token, String challenge) {
        return new WebhookRequest("GET", Map.of(), Map.of("hub.mode", List.of(mode), "hub.verify_token",
                List.of(token), "hub.challenge", List.of(challenge)), new byte[0]);
    }
}
