package io.ponte.plugins.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.connector.Connector;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.testkit.TestConnectorContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code X-Hub-Signature-256} over the raw body, and Meta's subscription handshake. */
class WebhookAuthenticityTest {

    private final TestConnectorContext context = Fixtures.context(null);
    private final Connector connector = new InstagramConnectorFactory().open(context);
    private final WebhookReceiver receiver = connector.webhook().orElseThrow();

    @AfterEach
    void close() {
        connector.close();
    }

    @Test
    void accepts_a_body_with_the_signature_computed_by_openssl() {
        WebhookResult result = receiver.receive(Fixtures.post(Fixtures.bytes("signed/text.body.json"),
                "X-Hub-Signature-256", Fixtures.text("signed/text.signature")));

        assertThat(result.response().status()).isEqualTo(200);
        assertThat(result.envelopes()).singleElement().satisfies(e -> assertThat(((ChatMessage) e.payload()).content())
                .isEqualTo(new Content.Text("Hi! Is the blue sneaker still in stock?")));
        assertThat(context.recordedMetrics()).contains("webhook.accepted[]");
    }

    @Test
    void checks_the_signature_over_the_escaped_bytes_meta_sends_for_non_ascii_text() {
        WebhookResult result = receiver.receive(Fixtures.post(Fixtures.bytes("signed/non-ascii.body.json"),
                "x-hub-signature-256", Fixtures.text("signed/non-ascii.signature")));

        assertThat(result.envelopes()).singleElement().satisfies(e -> assertThat(((ChatMessage) e.payload()).content())
                .isEqualTo(new Content.Text("Olá, ainda tem o tênis? \uD83D\uDC5F")));
    }

    @Test
    void rejects_a_webhook_with_a_bad_signature() {
        byte[] body = Fixtures.bytes("signed/text.body.json");
        String wrong = "sha256=" + "0".repeat(64);

        assertRejected(Fixtures.post(body, "X-Hub-Signature-256", wrong), 401, "does not match the body");
        assertThat(context.recordedMetrics()).contains("webhook.rejected[status,401]");
    }

    @Test
    void rejects_a_body_changed_after_signing() {
        byte[] body = Fixtures.text("signed/text.body.json").replace("blue", "pink").getBytes(StandardCharsets.UTF_8);

        assertRejected(Fixtures.post(body, "X-Hub-Signature-256", Fixtures.text("signed/text.signature")), 401,
                "does not match the body");
    }

    @Test
    void rejects_a_body_re_serialized_with_different_whitespace() {
        byte[] body = Fixtures.bytes("signed/text.body.json");
        byte[] pretty = Fixtures.json(new String(body, StandardCharsets.UTF_8)).toPrettyString()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.equals(body, pretty)).isFalse();

        assertRejected(Fixtures.post(pretty, "X-Hub-Signature-256", Fixtures.text("signed/text.signature")), 401,
                "does not match the body");
    }

    @Test
    void rejects_a_webhook_without_a_signature() {
        assertRejected(Fixtures.post(Fixtures.bytes("signed/text.body.json")), 401, "header missing");
    }

    @Test
    void rejects_a_malformed_signature_header() {
        assertRejected(Fixtures.post(Fixtures.bytes("signed/text.body.json"), "X-Hub-Signature-256", "sha1=abc"), 401,
                "must be sha256=");
    }

    @Test
    void rejects_a_signature_made_with_another_secret() {
        byte[] body = Fixtures.bytes("signed/text.body.json");
        String other = io.ponte.plugins.meta.MetaWebhooks.signatureHeader("another-app-secret", body);

        assertRejected(Fixtures.post(body, "X-Hub-Signature-256", other), 401, "check the connection's appSecret");
    }

    @Test
    void answers_the_subscription_handshake_with_the_challenge() {
        WebhookResponse response = receiver.handshake(handshake("subscribe", Fixtures.VERIFY_TOKEN, "1158201444"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1158201444");
        assertThat(response.contentType()).startsWith("text/plain");
    }

    @Test
    void refuses_the_handshake_with_a_wrong_verify_token() {
        assertThatThrownBy(() -> receiver.handshake(handshake("subscribe", "guess", "1158201444")))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).doesNotContain(Fixtures.VERIFY_TOKEN);
                });
    }

    @Test
    void refuses_a_get_that_is_not_a_subscription() {
        assertThatThrownBy(() -> receiver.handshake(handshake("unsubscribe", Fixtures.VERIFY_TOKEN, "1")))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static WebhookRequest handshake(String mode, String token, String challenge) {
        return new WebhookRequest("GET", Map.of(), Map.of("hub.mode", List.of(mode), "hub.verify_token",
                List.of(token), "hub.challenge", List.of(challenge)), null);
    }

    private void assertRejected(WebhookRequest request, int status, String detail) {
        assertThatThrownBy(() -> receiver.receive(request))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.getMessage()).contains(detail).doesNotContain(Fixtures.APP_SECRET);
                });
    }
}
