package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookRegistrationTest {

    private FakeBotApi telegram;

    @BeforeEach
    void start() {
        telegram = new FakeBotApi();
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void registers_this_connections_hook_url_with_the_secret_token_and_the_update_kinds_it_reads() {
        TelegramConnector connector = Bots.open(Bots.context(telegram));
        ActionResult result = connector.invoke(Bots.action("webhook.register", "{\"dropPendingUpdates\":true}"));

        assertThat(telegram.lastCall().method()).isEqualTo("setWebhook");
        assertThat(telegram.lastCall().body()).isEqualTo(Bots.json("""
                {"url":"https://hub.example.com/hooks/con_TEST","secret_token":"ponte-test_Secret-0123456789abcdef",
                 "allowed_updates":["message","edited_message","channel_post","edited_channel_post","callback_query"],
                 "drop_pending_updates":true}"""));
        assertThat(result).isEqualTo(new ActionResult.Delivered(null,
                Bots.json(Bots.fixture("api/set-webhook-response.json"))));
        assertThat(telegram.webhookUrl()).isEqualTo("https://hub.example.com/hooks/con_TEST");
        assertThat(telegram.webhookSecretToken()).isEqualTo(Bots.SECRET);
    }

    @Test
    void fails_clearly_when_the_hub_has_no_public_url() {
        TelegramConnector connector = Bots.open(Bots.context(telegram.baseUrl(), telegram.token(), null));
        ActionResult result = connector.invoke(Bots.action("webhook.register", "{}"));
        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).contains("set PONTE_PUBLIC_URL"));
        assertThat(telegram.requests()).isEmpty();
    }

    @Test
    void refuses_a_max_connections_telegram_would_refuse() {
        TelegramConnector connector = Bots.open(Bots.context(telegram.baseUrl(), telegram.token(),
                URI.create("https://hub.example.com")));
        assertThat(connector.invoke(Bots.action("webhook.register", "{\"maxConnections\":101}")))
                .isInstanceOf(ActionResult.Failed.class);
        assertThat(telegram.requests()).isEmpty();
    }

    @Test
    void shows_telegrams_view_of_the_webhook() {
        TelegramConnector connector = Bots.open(Bots.context(telegram));
        connector.invoke(Bots.action("webhook.register", "{\"maxConnections\":10}"));
        ActionResult info = connector.invoke(Bots.action("webhook.info", "{}"));
        assertThat(telegram.lastCall().method()).isEqualTo("getWebhookInfo");
        assertThat(((ActionResult.Delivered) info).output()).isEqualTo(Bots.json("""
                {"url":"https://hub.example.com/hooks/con_TEST","has_custom_certificate":false,
                 "pending_update_count":0,"max_connections":10,
                 "allowed_updates":["message","edited_message","channel_post","edited_channel_post","callback_query"]}
                """));
    }

    @Test
    void names_the_actions_it_offers_when_asked_for_another() {
        TelegramConnector connector = Bots.open(Bots.context(telegram));
        assertThat(connector.invoke(Bots.action("webhook.delete", "{}"))).isEqualTo(ActionResult.failed(
                "this connector offers no action webhook.delete; it offers [message.send, webhook.info, "
                        + "webhook.register]"));
    }
}
