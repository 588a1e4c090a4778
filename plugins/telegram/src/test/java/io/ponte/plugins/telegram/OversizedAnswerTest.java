package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.testkit.OversizedProvider;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.Test;

/** A Bot API that answers far more than any method answer: read up to the cap, then the call is retried. */
class OversizedAnswerTest {

    private static final long HUGE = 256L * 1024 * 1024;

    @Test
    void retries_a_send_whose_answer_passes_the_cap_and_stops_reading_it() {
        try (OversizedProvider telegram = OversizedProvider.chunked(HUGE)) {
            TelegramConnector bot = Bots.open(Bots.context(telegram.baseUrl(), FakeBotApi.DEFAULT_TOKEN, null));

            ActionResult result = bot.invoke(Bots.action("message.send", "{\"to\":\"5011223344\",\"text\":\"oi\"}"));

            assertThat(result).isEqualTo(ActionResult.retry("sendMessage: could not read the answer of 127.0.0.1: "
                    + "the provider's answer is larger than 1048576 bytes"));
            assertThat(telegram.clientHungUpEarly()).as("the connector hung up before the body's end").isTrue();
            assertThat(telegram.bytesWritten()).isLessThan(HUGE / 8);
        }
    }
}
