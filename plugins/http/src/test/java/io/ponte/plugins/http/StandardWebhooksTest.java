package io.ponte.plugins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Standard Webhooks v1 scheme against fixed vectors computed with openssl (see the fixtures README). */
class StandardWebhooksTest {

    private static final JsonNode FIXTURE = Fixtures.json("standard-webhooks/vectors.json");
    private static final String MSG_ID = FIXTURE.get("msgId").textValue();
    private static final String TIMESTAMP = FIXTURE.get("timestamp").textValue();
    private static final byte[] PAYLOAD = FIXTURE.get("payload").textValue().getBytes(StandardCharsets.UTF_8);
    private static final Instant SENT_AT = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

    private static String secret(String vector) {
        return FIXTURE.get("vectors").get(vector).get("secret").textValue();
    }

    private static String signature(String vector) {
        return FIXTURE.get("vectors").get(vector).get("signature").textValue();
    }

    private static StandardWebhooks webhooks(String secret) {
        return new StandardWebhooks(StandardWebhooks.signingKey(secret));
    }

    private static WebhookRejectedException rejection(Runnable verification) {
        try {
            verification.run();
        } catch (WebhookRejectedException e) {
            return e;
        }
        throw new AssertionError("verification passed but should have been rejected");
    }

    @Test
    void verifies_a_signature_made_with_a_whsec_secret() {
        assertThatCode(() -> webhooks(secret("whsec")).verify(MSG_ID, TIMESTAMP, signature("whsec"), PAYLOAD, SENT_AT))
                .doesNotThrowAnyException();
    }

    @Test
    void verifies_a_signature_made_with_a_raw_secret() {
        assertThatCode(() -> webhooks(secret("raw")).verify(MSG_ID, TIMESTAMP, signature("raw"), PAYLOAD, SENT_AT))
                .doesNotThrowAnyException();
    }

    @Test
    void signs_exactly_like_the_vectors() {
        long timestamp = Long.parseLong(TIMESTAMP);
        assertThat(webhooks(secret("whsec")).sign(MSG_ID, timestamp, PAYLOAD)).isEqualTo(signature("whsec"));
        assertThat(webhooks(secret("raw")).sign(MSG_ID, timestamp, PAYLOAD)).isEqualTo(signature("raw"));
    }

    @Test
    void a_whsec_secret_is_base64_decoded_and_any_other_secret_is_used_as_utf8_bytes() {
        String whsec = secret("whsec");
        String withoutPrefix = whsec.substring(StandardWebhooks.SECRET_PREFIX.length());
        assertThat(StandardWebhooks.signingKey(whsec).getEncoded())
                .isEqualTo(Base64.getDecoder().decode(withoutPrefix));
        assertThat(StandardWebhooks.signingKey(withoutPrefix).getEncoded())
                .isEqualTo(withoutPrefix.getBytes(StandardCharsets.UTF_8));
        // So the same text without the prefix is another key and its signature does not verify.
        assertThat(rejection(() -> webhooks(withoutPrefix).verify(MSG_ID, TIMESTAMP, signature("whsec"), PAYLOAD,
                SENT_AT)).getMessage()).contains("does not match");
    }

    @Test
    void rejects_a_signature_made_with_another_secret() {
        WebhookRejectedException e = rejection(() ->
                webhooks(secret("whsec")).verify(MSG_ID, TIMESTAMP, signature("rotatedOut"), PAYLOAD, SENT_AT));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo(
                "webhook-signature does not match: no v1 signature verifies with this connection's secret");
    }

    @Test
    void rejects_a_tampered_body() {
        byte[] tampered = new String(PAYLOAD, StandardCharsets.UTF_8).replace("oi", "oi!").getBytes(StandardCharsets.UTF_8);
        assertThat(rejection(() -> webhooks(secret("whsec")).verify(MSG_ID, TIMESTAMP, signature("whsec"), tampered,
                SENT_AT)).getMessage()).startsWith("webhook-signature does not match");
    }

    @Test
    void rejects_a_changed_message_id_or_timestamp_because_both_are_signed() {
        StandardWebhooks webhooks = webhooks(secret("whsec"));
        assertThat(rejection(() -> webhooks.verify("msg_other", TIMESTAMP, signature("whsec"), PAYLOAD, SENT_AT))
                .getMessage()).startsWith("webhook-signature does not match");
        String later = Long.toString(SENT_AT.getEpochSecond() + 1);
        assertThat(rejection(() -> webhooks.verify(MSG_ID, later, signature("whsec"), PAYLOAD, SENT_AT))
                .getMessage()).startsWith("webhook-signature does not match");
    }

    @Test
    void rejects_an_expired_timestamp() {
        Instant sixMinutesLater = SENT_AT.plusSeconds(5 * 60 + 1);
        WebhookRejectedException e = rejection(() ->
                webhooks(secret("whsec")).verify(MSG_ID, TIMESTAMP, signature("whsec"), PAYLOAD, sixMinutesLater));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("webhook-timestamp has expired: it is more than 5 minutes in the past");
    }

    @Test
    void rejects_a_timestamp_from_the_future() {
        Instant sixMinutesEarlier = SENT_AT.minusSeconds(5 * 60 + 1);
        assertThat(rejection(() -> webhooks(secret("whsec")).verify(MSG_ID, TIMESTAMP, signature("whsec"), PAYLOAD,
                sixMinutesEarlier)).getMessage()).isEqualTo("webhook-timestamp is more than 5 minutes in the future");
    }

    @Test
    void accepts_a_timestamp_exactly_five_minutes_off_in_either_direction() {
        StandardWebhooks webhooks = webhooks(secret("whsec"));
        assertThatCode(() -> webhooks.verify(MSG_ID, TIMESTAMP, signature("whsec"), PAYLOAD, SENT_AT.plusSeconds(300)))
                .doesNotThrowAnyException();
        assertThatCode(() -> webhooks.verify(MSG_ID, TIMESTAMP, signature("whsec"), PAYLOAD, SENT_AT.minusSeconds(300)))
                .doesNotThrowAnyException();
    }

    @Test
    void accepts_a_header_with_several_signatures_when_one_v1_signature_matches() {
        // Key rotation: the sender signs with the old and the new key; other versions (v1a is ed25519) are skipped.
        String header = String.join(" ", signature("rotatedOut"),
                "v1a," + Base64.getEncoder().encodeToString(new byte[64]),
                "v1,not-base64!",
                signature("whsec"));
        assertThatCode(() -> webhooks(secret("whsec")).verify(MSG_ID, TIMESTAMP, header, PAYLOAD, SENT_AT))
                .doesNotThrowAnyException();
    }

    @Test
    void ignores_the_right_bytes_under_another_version() {
        String v2 = signature("whsec").replaceFirst("^v1,", "v2,");
        assertThat(rejection(() -> webhooks(secret("whsec")).verify(MSG_ID, TIMESTAMP, v2, PAYLOAD, SENT_AT))
                .getMessage()).isEqualTo("webhook-signature has no v1 signature");
    }

    @Test
    void names_the_missing_header() {
        StandardWebhooks webhooks = webhooks(secret("whsec"));
        assertThat(rejection(() -> webhooks.verify(null, TIMESTAMP, signature("whsec"), PAYLOAD, SENT_AT))
                .getMessage()).isEqualTo("webhook-id header is missing");
        assertThat(rejection(() -> webhooks.verify(MSG_ID, null, signature("whsec"), PAYLOAD, SENT_AT))
                .getMessage()).isEqualTo("webhook-timestamp header is missing");
        assertThat(rejection(() -> webhooks.verify(MSG_ID, TIMESTAMP, " ", PAYLOAD, SENT_AT))
                .getMessage()).isEqualTo("webhook-signature header is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "-1767261600", "+1767261600", "1767261600.5", "2026-01-01T10:00:00Z"})
    void rejects_a_timestamp_that_is_not_unix_seconds(String timestamp) {
        assertThat(rejection(() -> webhooks(secret("whsec")).verify(MSG_ID, timestamp, signature("whsec"), PAYLOAD,
                SENT_AT)).getMessage()).isEqualTo("webhook-timestamp must be a unix time in seconds");
    }

    @Test
    void never_reveals_the_expected_signature() {
        String expected = signature("whsec").substring(3);
        StandardWebhooks webhooks = webhooks(secret("whsec"));
        for (Runnable failing : new Runnable[] {
                () -> webhooks.verify(MSG_ID, TIMESTAMP, signature("rotatedOut"), PAYLOAD, SENT_AT),
                () -> webhooks.verify(MSG_ID, TIMESTAMP, "v1,x", PAYLOAD, SENT_AT),
                () -> webhooks.verify(MSG_ID, TIMESTAMP, signature("whsec"), PAYLOAD, SENT_AT.plusSeconds(3600))}) {
            assertThat(rejection(failing).getMessage()).doesNotContain(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "whsec_", "whsec_not base64!"})
    void refuses_an_unusable_secret_without_echoing_it(String secret) {
        assertThatThrownBy(() -> StandardWebhooks.signingKey(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not base64!"));
    }
}
