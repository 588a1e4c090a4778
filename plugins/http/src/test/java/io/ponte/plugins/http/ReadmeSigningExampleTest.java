package io.ponte.plugins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's shell example signs the way Ponte verifies, so a user who copies it gets a 200. */
class ReadmeSigningExampleTest {

    @Test
    void the_readme_openssl_example_produces_standard_webhooks_headers_ponte_accepts() throws Exception {
        assumeTrue(onPath("openssl") && onPath("bash"), "openssl and bash are needed to run the README example");
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("<!-- standard-webhooks-example -->\\s*```bash\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README.md has the marked Standard Webhooks example").isTrue();
        // Run the example's signing lines only (not its curl call), then print the three header values.
        String signing = block.group(1).lines().takeWhile(line -> !line.startsWith("curl"))
                .reduce("", (a, b) -> a + b + "\n");
        Process bash = new ProcessBuilder("bash", "-c", signing + "printf '%s\\n%s\\n%s' \"$MSG_ID\" \"$TS\" "
                + "\"v1,$SIG\"").start();
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String[] headers = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        Matcher secret = Pattern.compile("SECRET='([^']*)'").matcher(signing);
        Matcher body = Pattern.compile("BODY='([^']*)'").matcher(signing);
        assertThat(secret.find() && body.find()).isTrue();
        assertThat(secret.group(1)).hasSizeGreaterThanOrEqualTo(HttpConfig.MIN_SECRET_LENGTH);
        assertThat(headers).hasSize(3);

        assertThatCode(() -> new StandardWebhooks(StandardWebhooks.signingKey(secret.group(1))).verify(headers[0],
                headers[1], headers[2], body.group(1).getBytes(StandardCharsets.UTF_8), Instant.now()))
                .doesNotThrowAnyException();
    }

    private static boolean onPath(String command) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        return which.waitFor(5, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
