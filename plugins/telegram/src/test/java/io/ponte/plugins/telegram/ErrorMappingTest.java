package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Telegram's failures, as the dispatcher needs them: retry when it may pass, fail when it never will. */
class ErrorMappingTest {

    private static final String TEXT = "{\"to\":\"5011223344\",\"text\":\"oi\"}";

    private FakeBotApi telegram;
    private TestConnectorContext context;
    private TelegramConnector connector;

    @BeforeEach
    void start() {
        telegram = new FakeBotApi();
        context = Bots.context(telegram);
        connector = Bots.open(context);
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    private ActionResult send() {
        ActionResult result = connector.invoke(Bots.action("message.send", TEXT));
        assertThat(result.toString()).doesNotContain(FakeBotApi.DEFAULT_TOKEN)
                .doesNotContain(FakeBotApi.DEFAULT_TOKEN.substring(11));
        return result;
    }

    private static String reason(ActionResult result) {
        return switch (result) {
            case ActionResult.Failed f -> f.reason();
            case ActionResult.Retry r -> r.reason();
            case ActionResult.Delivered d -> throw new AssertionError("delivered: " + d);
        };
    }

    @Test
    void retries_flood_control_after_the_wait_telegram_names() {
        telegram.enqueue(Answer.json(429, Bots.fixture("api/error-429-retry-after.json")));
        assertThat(send()).isEqualTo(ActionResult.retryAfter(Duration.ofSeconds(17),
                "sendMessage: Telegram flood control: Too Many Requests: retry after 17"));
    }

    @Test
    void retries_the_fakes_own_rate_limit_answer_too() {
        telegram.rateLimitNext(3);
        assertThat(send()).isInstanceOfSatisfying(ActionResult.Retry.class,
                r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void fails_with_telegrams_reason_when_the_chat_is_unknown_or_the_user_unreachable() {
        telegram.enqueue(Answer.json(400, Bots.fixture("api/error-400-chat-not-found.json")));
        telegram.enqueue(Answer.json(403, Bots.fixture("api/error-403-blocked.json")));
        telegram.enqueue(Answer.json(403, Bots.fixture("api/error-403-deactivated.json")));
        assertThat(List.of(send(), send(), send())).containsExactly(
                ActionResult.failed("sendMessage: Bad Request: chat not found"),
                ActionResult.failed("sendMessage: Forbidden: bot was blocked by the user"),
                ActionResult.failed("sendMessage: Forbidden: user is deactivated"));
    }

    @Test
    void counts_every_bot_api_call_by_its_outcome() {
        telegram.rateLimitNext(3);
        send();
        send();
        assertThat(context.recordedMetrics()).containsSubsequence("provider.calls[outcome,retry]",
                "provider.calls[outcome,delivered]");
    }

    @Test
    void fails_for_a_chat_that_blocked_the_bot_in_the_fake() {
        telegram.blockedBy(5011223344L);
        assertThat(send()).isEqualTo(ActionResult.failed("sendMessage: Forbidden: bot was blocked by the user"));
    }

    @Test
    void fails_naming_the_new_chat_id_of_a_group_upgraded_to_a_supergroup() {
        telegram.enqueue(Answer.json(400, Bots.fixture("api/error-400-migrate.json")));
        assertThat(send()).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                .startsWith("sendMessage: the group was upgraded to a supergroup; send to its new chat id "
                        + "-1001987654321"));
    }

    @Test
    void fails_and_reports_the_connection_down_when_telegram_refuses_the_token_then_up_when_it_works_again() {
        TestConnectorContext wrong = Bots.context(telegram.baseUrl(), "7000000001:AAWrongTokenForThisFakeBot", null);
        TelegramConnector refused = Bots.open(wrong);
        ActionResult first = refused.invoke(Bots.action("message.send", TEXT));
        refused.invoke(Bots.action("message.send", TEXT));

        assertThat(telegram.requests().get(0).path())
                .isEqualTo("/bot7000000001:AAWrongTokenForThisFakeBot/sendMessage");
        assertThat(first).isEqualTo(ActionResult.failed("sendMessage: " + BotApiErrors.TOKEN_REFUSED));
        assertThat(reason(first)).doesNotContain("AAWrongTokenForThisFakeBot");
        assertThat(wrong.reportedHealth()).isNotEmpty().containsOnly(Health.down(BotApiErrors.TOKEN_REFUSED))
                .last().isEqualTo(Health.down(BotApiErrors.TOKEN_REFUSED));

        telegram.enqueue(Answer.json(401, Bots.fixture("api/error-401.json")));
        send();
        send();
        assertThat(context.reportedHealth()).containsExactly(Health.down(BotApiErrors.TOKEN_REFUSED),
                Health.up(BotApiErrors.TOKEN_ACCEPTED));
    }

    @Test
    void retries_a_telegram_server_error() {
        telegram.enqueue(Answer.json(502, Bots.fixture("api/error-502.json")));
        assertThat(send()).isEqualTo(ActionResult.retry("sendMessage: Bad Gateway"));
    }

    @Test
    void retries_a_proxy_error_page_that_is_not_bot_api_json() {
        telegram.enqueue(Answer.text(503, "<html>Service Unavailable</html>").withHeader("Content-Type", "text/html"));
        assertThat(send()).isEqualTo(ActionResult.retry("sendMessage: HTTP 503 without a Bot API answer"));
    }

    @Test
    void retries_when_telegram_does_not_answer_in_time() {
        telegram.holdNext();
        ActionResult result = send();
        assertThat(result).isInstanceOf(ActionResult.Retry.class);
        assertThat(reason(result)).isEqualTo("sendMessage: timed out after 2s waiting for 127.0.0.1");
    }

    @Test
    void retries_when_telegram_cannot_be_reached_without_quoting_the_url() throws Exception {
        TelegramConnector offline = Bots.open(Bots.context(FakeProvider.nobodyListening().toString(),
                FakeBotApi.DEFAULT_TOKEN, null));
        ActionResult result = offline.invoke(Bots.action("message.send", TEXT));
        assertThat(result).isInstanceOf(ActionResult.Retry.class);
        assertThat(reason(result)).startsWith("sendMessage: could not reach 127.0.0.1")
                .doesNotContain(FakeBotApi.DEFAULT_TOKEN);
    }

    @Test
    void fails_a_bad_request_with_telegrams_description() {
        telegram.enqueue(Answer.json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse "
                + "entities: Unsupported start tag \\\"x\\\" at byte offset 0\"}"));
        assertThat(send()).isEqualTo(ActionResult.failed(
                "sendMessage: Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0"));
    }
}
