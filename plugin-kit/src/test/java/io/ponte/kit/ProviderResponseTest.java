package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProviderResponseTest {

    private static ProviderResponse answer(String body) {
        return new ProviderResponse(200, null, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_a_json_body_and_answers_null_for_an_empty_or_unreadable_one() {
        assertThat(answer("{\"id\":\"m1\"}").json().get("id").textValue()).isEqualTo("m1");
        assertThat(answer("").json()).isNull();
        assertThat(answer("<html>accepted</html>").json()).isNull();
        assertThat(answer("   ").json()).isNull();
    }
}
