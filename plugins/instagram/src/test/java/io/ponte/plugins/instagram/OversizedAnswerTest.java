package io.ponte.plugins.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.testkit.OversizedProvider;
import org.junit.jupiter.api.Test;

/** A Send API that answers far more than any API answer: read up to the cap, then the call is retried. */
class OversizedAnswerTest {

    private static final long HUGE = 256L * 1024 * 1024;
    private static final String TEXT = "{\"to\":\"" + Fixtures.CONTACT + "\",\"text\":\"Oi!\"}";

    @Test
    void retries_a_send_whose_answer_passes_the_cap_and_stops_reading_it() {
        try (OversizedProvider meta = OversizedProvider.chunked(HUGE);
             SendSupport send = new SendSupport(Fixtures.context(meta.baseUrl() + "/v21.0"))) {

            ActionResult result = send.send(TEXT);

            assertThat(result).isEqualTo(ActionResult.retry("could not read the answer of the Graph API at 127.0.0.1: "
                    + "the provider's answer is larger than 1048576 bytes"));
            assertThat(meta.clientHungUpEarly()).as("the connector hung up before the body's end").isTrue();
            assertThat(meta.bytesWritten()).isLessThan(HUGE / 8);
        }
    }
}
