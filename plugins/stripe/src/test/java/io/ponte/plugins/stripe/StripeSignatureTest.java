package io.ponte.plugins.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.plugins.stripe.fake.StripeEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Stripe's signature scheme against the vectors in {@code stripe/signature-vectors.json} (official SDK fixtures,
 * signatures computed with stripe-java 28.2.0) and the header variants Stripe's SDK tests use.
 */
class StripeSignatureTest {

    private static final JsonNode VECTORS = Accounts.json(resource("/stripe/signature-vectors.json"));
    private static final StripeSignature SIGNATURE = new StripeSignature("whsec_test_secret");
    private static final String JAVA_PAYLOAD = VECTORS.at("/vectors/0/payload").asText();
    private static final Instant AT_12345 = Instant.ofEpochSecond(12345);

    @Test
    void signs_the_sdk_fixtures_exactly_as_stripe_java_does() {
        for (JsonNode vector : VECTORS.get("vectors")) {
            String payload = vector.has("payload") ? vector.get("payload").asText()
                    : StripeEvents.fixture(vector.get("payload_file").asText().replaceFirst("^event-", ""));
            byte[] body = payload.getBytes(StandardCharsets.UTF_8);
            assertThat(SIGNATURE.header(vector.get("timestamp").asLong(), body)).as(vector.get("name").asText())
                    .isEqualTo(vector.get("header").asText());
        }
    }

    @Test
    void accepts_the_java_vector_at_its_own_time_and_an_extra_bad_v1_beside_it() {
        assertThatCode(() -> verify(VECTORS.at("/vectors/0/header").asText(), JAVA_PAYLOAD, AT_12345))
                .doesNotThrowAnyException();
        assertThatCode(() -> verify(VECTORS.at("/header_variants_from_sdk_tests/extra_bad_v1_is_ignored/header")
                .asText(), JAVA_PAYLOAD, AT_12345)).doesNotThrowAnyException();
    }

    @Test
    void accepts_the_real_event_fixture_within_300_seconds_and_refuses_it_301_seconds_later() {
        String body = StripeEvents.fixture("payment_intent.succeeded.json");
        String header = VECTORS.at("/vectors/2/header").asText();
        assertThatCode(() -> verify(header, body, Instant.ofEpochSecond(1648320040 + 300)))
                .doesNotThrowAnyException();
        assertThat(rejection(header, body, Instant.ofEpochSecond(1648320341)))
                .returns(401, WebhookRejectedException::status)
                .hasMessage("Timestamp outside the tolerance zone");
    }

    @Test
    void refuses_a_signature_from_the_future_beyond_the_tolerance_too() {
        assertThat(rejection(VECTORS.at("/vectors/0/header").asText(), JAVA_PAYLOAD, Instant.ofEpochSecond(12345 - 301)))
                .hasMessage("Timestamp outside the tolerance zone");
    }

    @Test
    void refuses_the_sdk_header_variants_with_stripes_own_words() {
        JsonNode variants = VECTORS.get("header_variants_from_sdk_tests");
        assertThat(rejection(variants.at("/only_v0_scheme/header").asText(), JAVA_PAYLOAD, AT_12345))
                .returns(400, WebhookRejectedException::status)
                .hasMessage("No signatures found with expected scheme");
        assertThat(rejection(variants.at("/bad_signature/header").asText(), JAVA_PAYLOAD, AT_12345))
                .returns(401, WebhookRejectedException::status)
                .hasMessage("No signatures found matching the expected signature for payload");
        assertThat(rejection(variants.at("/malformed/header").asText(), JAVA_PAYLOAD, AT_12345))
                .returns(400, WebhookRejectedException::status)
                .hasMessage("Unable to extract timestamp and signatures from header");
        assertThat(rejection(variants.at("/non_numeric_t/header").asText(), JAVA_PAYLOAD, AT_12345))
                .returns(400, WebhookRejectedException::status)
                .hasMessage("Unable to extract timestamp and signatures from header");
    }

    @Test
    void refuses_a_request_without_the_header() {
        assertThat(rejection(null, JAVA_PAYLOAD, AT_12345)).returns(400, WebhookRejectedException::status)
                .hasMessageContaining("Stripe-Signature header is missing");
    }

    @Test
    void refuses_a_body_changed_after_signing() {
        assertThat(rejection(VECTORS.at("/vectors/0/header").asText(), JAVA_PAYLOAD + " ", AT_12345))
                .hasMessage("No signatures found matching the expected signature for payload");
    }

    @Test
    void accepts_either_secret_while_a_secret_is_rolled() {
        String oldSigned = new StripeSignature("whsec_old_secret").header(12345, JAVA_PAYLOAD.getBytes(StandardCharsets.UTF_8));
        String newSigned = SIGNATURE.header(12345, JAVA_PAYLOAD.getBytes(StandardCharsets.UTF_8));
        String both = oldSigned + "," + newSigned.substring(newSigned.indexOf("v1="));
        assertThatCode(() -> verify(both, JAVA_PAYLOAD, AT_12345)).doesNotThrowAnyException();
        assertThat(rejection(oldSigned, JAVA_PAYLOAD, AT_12345)).returns(401, WebhookRejectedException::status);
    }

    @Test
    void never_reveals_the_expected_signature() {
        String expected = VECTORS.at("/vectors/0/expected_v1").asText();
        WebhookRejectedException e = rejection("t=12345,v1=" + "0".repeat(64), JAVA_PAYLOAD, AT_12345);
        assertThat(e.getMessage()).doesNotContain(expected);
        assertThat(SIGNATURE.toString()).doesNotContain("whsec_test_secret");
    }

    private static void verify(String header, String body, Instant now) {
        SIGNATURE.verify(header, body.getBytes(StandardCharsets.UTF_8), now);
    }

    private static WebhookRejectedException rejection(String header, String body, Instant now) {
        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> verify(header, body, now));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    private static String resource(String path) {
        try (InputStream in = StripeSignatureTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
