package io.ponte.plugins.mercadopago;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.plugins.mercadopago.fake.FakeMercadoPago;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The x-signature check against the vectors computed with Mercado Pago's official SDK (signature-vectors.json). */
class NoticeSignatureTest {

    private static final JsonNode VECTORS = FakeMercadoPago.fixture("signature-vectors.json");
    private static final String REQUEST_ID = VECTORS.get("x_request_id").asText();
    private final NoticeSignature signature = new NoticeSignature(VECTORS.get("secret").asText());

    static List<JsonNode> valid() {
        List<JsonNode> out = new ArrayList<>();
        VECTORS.get("vectors").forEach(out::add);
        return out;
    }

    static List<JsonNode> invalid() {
        List<JsonNode> out = new ArrayList<>();
        VECTORS.get("negative").forEach(out::add);
        return out;
    }

    private static String text(JsonNode vector, String field) {
        JsonNode n = vector.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String requestId(JsonNode vector) {
        return vector.has("x_request_id") ? text(vector, "x_request_id") : REQUEST_ID;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("valid")
    void accepts_every_signature_the_official_sdk_accepts_and_the_contested_as_received_casing(JsonNode vector) {
        if (vector.has("manifest")) {
            assertThat(NoticeSignature.manifest(text(vector, "data_id_query"), requestId(vector), text(vector, "ts")))
                    .isEqualTo(vector.get("manifest").asText());
        }
        assertThatNoException().isThrownBy(() -> signature.verify(text(vector, "x_signature"),
                text(vector, "data_id_query"), requestId(vector)));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("invalid")
    void refuses_tampered_malformed_and_incomplete_signatures_with_401(JsonNode vector) {
        assertThatThrownBy(() -> signature.verify(text(vector, "x_signature"),
                vector.has("data_id_query") ? text(vector, "data_id_query") : "ord01jq4s4ky8hwq6na5pxb65b3d3",
                REQUEST_ID))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void refuses_a_missing_header_a_signature_for_another_payment_and_another_secret() {
        JsonNode numeric = VECTORS.get("vectors").get(3);
        String header = numeric.get("x_signature").asText();
        assertThatThrownBy(() -> signature.verify(null, "999999999", REQUEST_ID))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> signature.verify(header, "999999998", REQUEST_ID))
                .isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> signature.verify(header, "999999999", "another-request"))
                .isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> new NoticeSignature("another secret").verify(header, "999999999", REQUEST_ID))
                .isInstanceOf(WebhookRejectedException.class);
    }
}
