package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderCallTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void hands_an_answer_to_the_plugins_reading_of_it() {
        ActionResult result = ProviderCall.outcome("the Graph API", TIMEOUT, () -> 201,
                status -> ActionResult.delivered("status " + status));

        assertThat(result).isEqualTo(ActionResult.delivered("status 201"));
    }

    @Test
    void retries_a_timeout_naming_the_timeout_and_the_provider() {
        assertThat(fail(new HttpTimeoutException("request timed out"), Duration.ofMillis(300)))
                .isEqualTo(ActionResult.retry("timed out after 300ms waiting for the Graph API"));
        assertThat(fail(new HttpTimeoutException("request timed out"), Duration.ofSeconds(2)))
                .isEqualTo(ActionResult.retry("timed out after 2s waiting for the Graph API"));
        assertThat(ProviderCall.outcome("the Graph API", () -> {
            throw new HttpTimeoutException("request timed out");
        }, answer -> ActionResult.delivered(null)))
                .isEqualTo(ActionResult.retry("timed out waiting for the Graph API"));
    }

    @Test
    void retries_an_answer_over_the_cap_with_the_caps_message() {
        assertThat(fail(new AnswerTooLargeException(1 << 20), TIMEOUT)).isEqualTo(ActionResult.retry(
                "could not read the answer of the Graph API: the provider's answer is larger than 1048576 bytes"));
    }

    @Test
    void retries_an_unreachable_provider_without_quoting_a_url() {
        assertThat(fail(new ConnectException(null), TIMEOUT))
                .isEqualTo(ActionResult.retry("could not reach the Graph API: ConnectException"));
        assertThat(fail(new IOException("GET https://api.example.com/bot123:SECRET/getMe failed"), TIMEOUT))
                .isEqualTo(ActionResult.retry("could not reach the Graph API: IOException"));
    }

    @Test
    void keeps_a_short_message_that_cannot_hold_a_url_such_as_the_outbound_policys() {
        IOException denied = new IOException("request to 169.254.169.254 denied by the outbound policy: "
                + "169.254.169.254 resolves to 169.254.169.254, a link-local address");

        assertThat(fail(denied, TIMEOUT)).isEqualTo(ActionResult.retry("could not reach the Graph API: IOException "
                + "(request to 169.254.169.254 denied by the outbound policy: 169.254.169.254 resolves to "
                + "169.254.169.254, a link-local address)"));
    }

    @Test
    void fails_a_call_the_outbound_policy_denied_instead_of_spending_retries_on_it() {
        IOException denied = new io.ponte.api.error.OutboundDeniedException("10.0.0.8",
                "10.0.0.8 resolves to 10.0.0.8, a private or special-purpose address (strict policy: only public addresses)");

        assertThat(fail(denied, TIMEOUT)).isEqualTo(ActionResult.failed("may not call the Graph API: request to "
                + "10.0.0.8 denied by the outbound policy: 10.0.0.8 resolves to 10.0.0.8, a private or special-purpose "
                + "address (strict policy: only public addresses)"));
    }

    @Test
    void retries_an_interrupted_call_and_keeps_the_threads_interrupt_flag() {
        try {
            ActionResult result = ProviderCall.outcome("the Graph API", TIMEOUT, () -> {
                throw new InterruptedException();
            }, answer -> ActionResult.delivered(null));

            assertThat(result).isEqualTo(ActionResult.retry("interrupted while calling the Graph API"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static ActionResult fail(IOException failure, Duration timeout) {
        return ProviderCall.outcome("the Graph API", timeout, () -> {
            throw failure;
        }, answer -> ActionResult.delivered(null));
    }
}
