package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Party;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import org.junit.jupiter.api.Test;

/** A pressed inline button: an interactive reply, answered in the webhook response. */
class CallbackQueryTest {

    private final WebhookReceiver receiver = Bots.open(Bots.context("http://127.0.0.1:9",
            "7000000001:AAcallbackTestToken", null)).webhook().orElseThrow();

    private WebhookResult receive(String body) {
        return receiver.receive(Bots.webhook(body, Bots.SECRET));
    }

    @Test
    void maps_a_button_press_to_an_interactive_reply_titled_from_the_keyboard() {
        WebhookResult result = receive(Bots.fixture("updates/callback-query-message.json"));
        EnvelopeDraft draft = result.envelopes().get(0);
        assertThat(draft.type()).isEqualTo("message.inbound");
        assertThat(draft.payload()).isEqualTo(new ChatMessage(new Party("5011223344", "Ana Souza"), null,
                new Content.InteractiveReply("order:4242:yes", "Sim, confirmar"), "4110"));
        assertThat(draft.externalId()).isEqualTo("830006");
        assertThat(draft.conversationAddress()).isEqualTo("5011223344");
        assertThat(draft.attributes()).containsEntry("callbackQueryId", "5011223344000654321")
                .containsEntry("chatType", "private").containsEntry("messageId", "4110")
                .containsEntry("updateKind", "callback_query").containsEntry("username", "ana_souza");
    }

    @Test
    void answers_the_callback_query_in_the_webhook_response() {
        WebhookResult result = receive(Bots.fixture("updates/callback-query-message.json"));
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(result.response().contentType()).isEqualTo("application/json");
        assertThat(Bots.json(result.response().body())).isEqualTo(Bots.json(
                "{\"method\":\"answerCallbackQuery\",\"callback_query_id\":\"5011223344000654321\"}"));
    }

    @Test
    void maps_a_press_on_an_inline_mode_message_to_the_users_own_chat() {
        WebhookResult result = receive(Bots.fixture("updates/callback-query-inline.json"));
        EnvelopeDraft draft = result.envelopes().get(0);
        assertThat(draft.payload()).isEqualTo(new ChatMessage(new Party("5011223344", "Ana Souza"), null,
                new Content.InteractiveReply("promo:jan:accept", null), null));
        assertThat(draft.conversationAddress()).isEqualTo("5011223344");
        assertThat(draft.attributes()).containsEntry("inlineMessageId", "AAAAAKXy9ponteInline01")
                .doesNotContainKey("chatType");
        assertThat(Bots.json(result.response().body()).path("callback_query_id").asText())
                .isEqualTo("5011223344000123456");
    }

    @Test
    void reads_the_fake_bot_apis_callback_update_like_a_real_one() {
        EnvelopeDraft draft = receive(FakeBotApi.callbackUpdate(77, 5011223344L, "Ana", "size:m", "Médio"))
                .envelopes().get(0);
        assertThat(((ChatMessage) draft.payload()).content()).isEqualTo(new Content.InteractiveReply("size:m",
                "Médio"));
        assertThat(draft.attributes()).containsEntry("callbackQueryId", "cbq-77");
    }
}
