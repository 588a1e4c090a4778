package io.ponte.plugins.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.testkit.OversizedProvider;
import org.junit.jupiter.api.Test;

/**
 * A receiver that answers far more than any webhook answer: read up to the cap, then the delivery is retried (the
 * receiver dedupes the next attempt by its {@code webhook-id}).
 */
class OversizedAnswerTest {

    private static final long HUGE = 256L * 1024 * 1024;

    @Test
    void retries_a_post_whose_answer_passes_the_cap_and_stops_reading_it() {
        try (OversizedProvider receiver = OversizedProvider.chunked(HUGE);
             Connector connector = new HttpConnectorFactory().open(
                     TestContext.withConfig("{\"url\":\"" + receiver.baseUrl() + "/hook?token=t0ken\"}"))) {

            ActionResult result = connector.invoke(new ActionRequest(ActionNames.MESSAGE_SEND,
                    TestContext.parse("{\"text\":\"oi\"}"), null, "dlv_1", 1));

            assertThat(result).isEqualTo(ActionResult.retry("could not read the answer of 127.0.0.1: the provider's "
                    + "answer is larger than 1048576 bytes"));
            assertThat(receiver.clientHungUpEarly()).as("the connector hung up before the body's end").isTrue();
            assertThat(receiver.bytesWritten()).isLessThan(HUGE / 8);
        }
    }
}
