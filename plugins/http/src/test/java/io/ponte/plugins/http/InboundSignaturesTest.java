package io.ponte.plugins.http;

import io.ponte.testkit.TestConnectorContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Which requests a connection with a secret lets in: Standard Webhooks signatures over the raw body, nothing else. */
class InboundSignaturesTest {

    private static final JsonNode SW = Fixtures.json("standard-webhooks/vectors.json");
    private static final String BODY = SW.get("payload").textValue();

    private static String swSecret(String vector) {
        return SW.get("vectors").get(vector).get("secret").textValue();
    }

    private static String swSignature(String vector) {
        return SW.get("vectors").get(vector).get("signature").textValue();
    }

    private static WebhookReceiver receiver(String secret) {
        TestConnectorContext context = TestContext.withConfig("{\"secret\":\"" + secret + "\"}");
        return new HttpConnectorFactory().open(context).webhook().orElseThrow();
    }

    private static WebhookRequest standardWebhooksRequest(String body, String signature) {
        return Fixtures.post(body, "Webhook-Id", SW.get("msgId").textValue(),
                "Webhook-Timestamp", SW.get("timestamp").textValue(), "Webhook-Signature", signature);
    }

    private static WebhookRejectedException rejection(WebhookReceiver receiver, WebhookRequest request) {
        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> receiver.receive(request));
        assertThat(e).as("rejected").isNotNull();
        return e;
    }

    @Test
    void accepts_a_standard_webhooks_request_signed_with_the_connection_secret() {
        WebhookResult result = receiver(swSecret("whsec")).receive(standardWebhooksRequest(BODY, swSignature("whsec")));

        assertThat(result.envelopes()).singleElement()
                .satisfies(draft -> assertThat(draft.externalId()).isEqualTo("m1"));
        assertThat(result.response().status()).isEqualTo(200);
    }

    @Test
    void accepts_a_standard_webhooks_request_signed_with_a_raw_secret() {
        WebhookResult result = receiver(swSecret("raw")).receive(standardWebhooksRequest(BODY, swSignature("raw")));
        assertThat(result.envelopes()).hasSize(1);
    }

    @Test
    void rejects_a_webhook_with_a_bad_signature() {
        WebhookRejectedException e = rejection(receiver(swSecret("whsec")),
                standardWebhooksRequest(BODY, swSignature("rotatedOut")));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).startsWith("webhook-signature does not match");
    }

    @Test
    void rejects_a_standard_webhooks_request_that_lacks_its_id() {
        WebhookRequest request = Fixtures.post(BODY, "webhook-timestamp", SW.get("timestamp").textValue(),
                "webhook-signature", swSignature("whsec"));
        assertThat(rejection(receiver(swSecret("whsec")), request).getMessage())
                .isEqualTo("webhook-id header is missing");
    }

    @Test
    void checks_the_signature_before_reading_the_body() {
        // Malformed JSON with a wrong signature is a 401, not a 400: nothing of an unauthenticated body is read.
        WebhookRejectedException e = rejection(receiver(swSecret("whsec")),
                standardWebhooksRequest("{not json", swSignature("whsec")));
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void refuses_the_retired_x_ponte_signature_even_when_it_is_right_and_says_what_to_send() {
        // The body-only HMAC the plugin used to take, made exactly as before: valid, and replayable forever.
        String bodyOnly = "sha256=" + HexFormat.of().formatHex(HmacSha256.of(
                StandardWebhooks.signingKey(swSecret("raw")), BODY.getBytes(StandardCharsets.UTF_8)));

        WebhookRejectedException e = rejection(receiver(swSecret("raw")),
                Fixtures.post(BODY, "X-Ponte-Signature", bodyOnly));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).startsWith("X-Ponte-Signature is no longer accepted")
                .contains("replayed").contains("webhook-id, webhook-timestamp and webhook-signature");
    }

    @Test
    void rejects_an_unsigned_request_when_a_secret_is_configured() {
        WebhookRejectedException e = rejection(receiver(swSecret("whsec")), Fixtures.post(BODY));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("signature missing: this connection has a secret, so send the Standard "
                + "Webhooks headers webhook-id, webhook-timestamp and webhook-signature");
    }

    @Test
    void a_standard_webhooks_failure_is_final_whatever_else_the_request_carries() {
        WebhookRequest both = Fixtures.post(BODY, "webhook-id", SW.get("msgId").textValue(),
                "webhook-timestamp", SW.get("timestamp").textValue(), "webhook-signature", "v1,AAAA",
                "X-Ponte-Signature", "sha256=00");
        assertThat(rejection(receiver(swSecret("whsec")), both).getMessage())
                .startsWith("webhook-signature does not match");
    }

    @Test
    void requires_no_signature_without_a_secret() {
        WebhookReceiver open = new HttpConnectorFactory().open(TestContext.withConfig("{}")).webhook().orElseThrow();
        assertThat(open.receive(Fixtures.post(BODY)).envelopes()).hasSize(1);
    }

    @Test
    void rejects_a_replayed_request_once_its_timestamp_is_old() {
        TestConnectorContext context = TestContext.withConfig("{\"secret\":\"" + swSecret("whsec") + "\"}");
        WebhookReceiver receiver = new HttpConnectorFactory().open(context).webhook().orElseThrow();
        context.setNow(TestContext.FIXTURE_TIME.plusSeconds(600));
        WebhookRejectedException e = rejection(receiver, standardWebhooksRequest(BODY, swSignature("whsec")));
        assertThat(e.getMessage()).contains("expired");
    }
}
