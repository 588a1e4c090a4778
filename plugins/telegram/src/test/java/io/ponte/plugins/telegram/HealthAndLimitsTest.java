package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import io.ponte.testkit.fake.Answer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthAndLimitsTest {

    private FakeBotApi telegram;

    @BeforeEach
    void start() {
        telegram = new FakeBotApi().botUsername("loja_ponte_bot");
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void is_up_with_the_bots_username_when_get_me_works() {
        assertThat(Bots.open(Bots.context(telegram)).health()).isEqualTo(Health.up("@loja_ponte_bot"));
        assertThat(telegram.lastCall().method()).isEqualTo("getMe");
    }

    @Test
    void is_down_when_telegram_refuses_the_token() {
        Health health = Bots.open(Bots.context(telegram.baseUrl(), "7000000001:AAAnotherBotsToken", null)).health();
        assertThat(health).isEqualTo(Health.down("getMe: " + BotApiErrors.TOKEN_REFUSED));
    }

    @Test
    void is_down_with_a_reason_when_telegram_fails_or_times_out() {
        TelegramConnector connector = Bots.open(Bots.context(telegram));
        telegram.enqueue(Answer.json(502, Bots.fixture("api/error-502.json")));
        assertThat(connector.health()).isEqualTo(Health.down("getMe: Bad Gateway"));
        telegram.holdNext();
        assertThat(connector.health()).isEqualTo(Health.down("getMe: timed out after 2s waiting for 127.0.0.1"));
    }

    @Test
    void declares_telegrams_limits_of_thirty_a_second_per_bot_and_one_a_second_per_chat() {
        assertThat(Bots.open(Bots.context(telegram)).sendRates()).containsExactly(SendRate.perSecond(30),
                SendRate.perConversation(1, Duration.ofSeconds(1)));
    }
}
