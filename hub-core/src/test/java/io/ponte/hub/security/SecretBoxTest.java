package io.ponte.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final byte[] key = new byte[32];
    private final SecretBox box = new SecretBox(key);

    @Test
    void round_trips_and_never_repeats_a_ciphertext() {
        String a = box.encrypt("{\"token\":\"abc\"}", "con_1");
        String b = box.encrypt("{\"token\":\"abc\"}", "con_1");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("abc");
        assertThat(box.decrypt(a, "con_1")).isEqualTo("{\"token\":\"abc\"}");
    }

    @Test
    void refuses_another_key_another_connection_or_tampering() {
        String blob = box.encrypt("secret", "con_1");
        byte[] other = new byte[32];
        Arrays.fill(other, (byte) 1);
        assertThatThrownBy(() -> new SecretBox(other).decrypt(blob, "con_1")).hasMessageContaining("PONTE_MASTER_KEY")
                .hasMessageNotContaining("secret\"");
        assertThatThrownBy(() -> box.decrypt(blob, "con_2")).isInstanceOf(IllegalStateException.class);
        String tampered = blob.substring(0, blob.length() - 2) + (blob.endsWith("A") ? "B=" : "A=");
        assertThatThrownBy(() -> box.decrypt(tampered, "con_1")).isInstanceOf(IllegalStateException.class);
    }
}
