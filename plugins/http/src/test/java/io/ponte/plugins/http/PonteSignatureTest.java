package io.ponte.plugins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code X-Ponte-Signature: sha256=<hex>} against a vector computed with openssl, and the README's example. */
class PonteSignatureTest {

    private static final JsonNode FIXTURE = Fixtures.json("ponte-signature/vectors.json");
    private static final String SECRET = FIXTURE.get("secret").textValue();
    private static final byte[] BODY = FIXTURE.get("body").textValue().getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = FIXTURE.get("signature").textValue();

    private final PonteSignature ponte = new PonteSignature(StandardWebhooks.signingKey(SECRET));

    @Test
    void signs_and_verifies_the_vector() {
        assertThat(ponte.sign(BODY)).isEqualTo(SIGNATURE);
        assertThatCode(() -> ponte.verify(SIGNATURE, BODY)).doesNotThrowAnyException();
    }

    @Test
    void rejects_a_wrong_signature() {
        String other = new PonteSignature(StandardWebhooks.signingKey("another-secret")).sign(BODY);
        assertThatThrownBy(() -> ponte.verify(other, BODY))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessage("X-Ponte-Signature does not match the body")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SIGNATURE.substring(7)));
    }

    @Test
    void rejects_a_signature_of_another_body() {
        assertThatThrownBy(() -> ponte.verify(SIGNATURE, "{\"id\":\"m1\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("X-Ponte-Signature does not match the body");
    }

    @Test
    void rejects_a_missing_or_malformed_header() {
        assertThatThrownBy(() -> ponte.verify(null, BODY)).hasMessage("X-Ponte-Signature header is missing");
        assertThatThrownBy(() -> ponte.verify(SIGNATURE.substring(7), BODY))
                .hasMessage("X-Ponte-Signature must be sha256=<hex HMAC-SHA256 of the body>");
        assertThatThrownBy(() -> ponte.verify("sha256=xyz", BODY))
                .hasMessage("X-Ponte-Signature must be sha256=<hex HMAC-SHA256 of the body>");
    }

    @Test
    void the_readme_openssl_example_produces_a_signature_ponte_accepts() throws Exception {
        assumeTrue(onPath("openssl") && onPath("bash"), "openssl and bash are needed to run the README example");
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("<!-- x-ponte-signature-example -->\\s*```bash\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README.md has the marked X-Ponte-Signature example").isTrue();
        // Run the example's signing lines only (not its curl call), then print the header it would send.
        String signing = block.group(1).lines().takeWhile(line -> !line.startsWith("curl"))
                .reduce("", (a, b) -> a + b + "\n");
        Process bash = new ProcessBuilder("bash", "-c", signing + "printf '%s' \"sha256=$SIG\"").start();
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String header = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher secret = Pattern.compile("SECRET='([^']*)'").matcher(signing);
        Matcher body = Pattern.compile("BODY='([^']*)'").matcher(signing);
        assertThat(secret.find() && body.find()).isTrue();
        assertThatCode(() -> new PonteSignature(StandardWebhooks.signingKey(secret.group(1)))
                .verify(header, body.group(1).getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
    }

    private static boolean onPath(String command) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        return which.waitFor(5, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
