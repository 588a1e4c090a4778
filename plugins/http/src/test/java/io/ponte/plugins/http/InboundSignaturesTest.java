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
import org.junit.jupiter.api.Test;

/** Which requests a connection with a secret lets in: Standard Webhooks or X-Ponte-Signature, over the raw body. */
class InboundSignaturesTest {

    private static final JsonNode SW = Fixtures.json("standard-webhooks/vectors.json");
    private static final JsonNode PONTE = Fixtures.json("ponte-signature/vectors.json");
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
    void accepts_a_request_with_a_valid_x_ponte_signature() {
        WebhookRequest request = Fixtures.post(PONTE.get("body").textValue(),
                "X-Ponte-Signature", PONTE.get("signature").textValue());
        WebhookResult result = receiver(PONTE.get("secret").textValue()).receive(request);
        assertThat(result.envelopes()).singleElement()
                .satisfies(draft -> assertThat(draft.externalId()).isEqualTo("m1"));
    }

    @Test
    void rejects_a_wrong_x_ponte_signature() {
        String wrong = new PonteSignature(StandardWebhooks.signingKey("not-the-secret"))
                .sign(BODY.getBytes(StandardCharsets.UTF_8));
        WebhookRejectedException e = rejection(receiver(PONTE.get("secret").textValue()),
                Fixtures.post(BODY, "x-ponte-signature", wrong));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("X-Ponte-Signature does not match the body");
    }

    @Test
    void rejects_an_unsigned_request_when_a_secret_is_configured() {
        WebhookRejectedException e = rejection(receiver(PONTE.get("secret").textValue()), Fixtures.post(BODY));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("signature missing").contains("webhook-signature")
                .contains("X-Ponte-Signature");
    }

    @Test
    void a_standard_webhooks_signature_is_checked_first_and_a_failure_there_is_final() {
        WebhookRequest both = Fixtures.post(BODY, "webhook-id", SW.get("msgId").textValue(),
                "webhook-timestamp", SW.get("timestamp").textValue(), "webhook-signature", "v1,AAAA",
                "X-Ponte-Signature", PONTE.get("signature").textValue());
        assertThat(rejection(receiver(PONTE.get("secret").textValue()), both).getMessage())
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
