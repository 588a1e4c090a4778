package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code message.send} against the fake Bot API: the exact call Telegram receives for each kind of content. */
class MessageSendTest {

    private FakeBotApi telegram;
    private TelegramConnector connector;

    @BeforeEach
    void start() {
        telegram = new FakeBotApi();
        TestConnectorContext context = Bots.context(telegram);
        connector = Bots.open(context);
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    private ActionResult send(String input) {
        return connector.invoke(Bots.action("message.send", input));
    }

    private FakeBotApi.Call onlyCall() {
        assertThat(telegram.calls()).hasSize(1);
        return telegram.calls().get(0);
    }

    @Test
    void sends_text_as_json_to_send_message_under_the_bot_token_and_returns_the_message_id() {
        ActionResult result = send("{\"to\":\"5011223344\",\"text\":\"Seu pedido saiu para entrega\","
                + "\"conversation\":\"con_X:5011223344\"}");

        Recorded request = telegram.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/bot" + FakeBotApi.DEFAULT_TOKEN + "/sendMessage");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(onlyCall().body()).isEqualTo(Bots.json(
                "{\"chat_id\":5011223344,\"text\":\"Seu pedido saiu para entrega\"}"));
        ActionResult.Delivered delivered = (ActionResult.Delivered) result;
        assertThat(delivered.externalRef()).isEqualTo("1000");
        assertThat(delivered.output().path("chat").path("id").asLong()).isEqualTo(5011223344L);
        assertThat(delivered.output().path("text").asText()).isEqualTo("Seu pedido saiu para entrega");
    }

    @Test
    void offers_buttons_as_an_inline_keyboard_quotes_the_reply_and_sets_the_parse_mode() {
        send("""
                {"to":-1001987654321,"content":{"kind":"text","text":"<b>Confirmar</b> o pedido 4242?"},
                 "text":"ignored because content wins","replyTo":"2210","parseMode":"HTML",
                 "buttons":[{"id":"order:4242:yes","title":"Sim"},{"id":"order:4242:no","title":"Não"}],
                 "disableNotification":true,"messageThreadId":12}""");
        assertThat(onlyCall().method()).isEqualTo("sendMessage");
        assertThat(onlyCall().body()).isEqualTo(Bots.json("""
                {"chat_id":-1001987654321,"text":"<b>Confirmar</b> o pedido 4242?","parse_mode":"HTML",
                 "reply_parameters":{"message_id":2210,"allow_sending_without_reply":true},
                 "reply_markup":{"inline_keyboard":[[{"text":"Sim","callback_data":"order:4242:yes"}],
                                                    [{"text":"Não","callback_data":"order:4242:no"}]]},
                 "disable_notification":true,"message_thread_id":12}"""));
    }

    @Test
    void passes_a_raw_reply_markup_through() {
        send("{\"to\":\"5011223344\",\"text\":\"Envie sua localização\",\"replyMarkup\":{\"keyboard\":"
                + "[[{\"text\":\"Enviar\",\"request_location\":true}]],\"one_time_keyboard\":true}}");
        assertThat(onlyCall().body().path("reply_markup")).isEqualTo(Bots.json(
                "{\"keyboard\":[[{\"text\":\"Enviar\",\"request_location\":true}]],\"one_time_keyboard\":true}"));
    }

    @Test
    void sends_a_photo_by_url_with_its_caption() {
        ActionResult result = send("{\"to\":\"5011223344\",\"content\":{\"kind\":\"media\",\"mediaType\":\"image\","
                + "\"url\":\"https://cdn.example.com/p/4242.jpg\",\"caption\":\"Seu produto\"}}");
        assertThat(onlyCall().method()).isEqualTo("sendPhoto");
        assertThat(onlyCall().body()).isEqualTo(Bots.json("{\"chat_id\":5011223344,"
                + "\"photo\":\"https://cdn.example.com/p/4242.jpg\",\"caption\":\"Seu produto\"}"));
        assertThat(((ActionResult.Delivered) result).externalRef()).isEqualTo("1000");
    }

    @Test
    void sends_each_media_type_with_its_method_reusing_a_telegram_file_id() {
        String[][] cases = {{"document", "sendDocument", "document"}, {"audio", "sendAudio", "audio"},
                {"voice", "sendVoice", "voice"}, {"video", "sendVideo", "video"},
                {"sticker", "sendSticker", "sticker"}};
        for (String[] c : cases) {
            send("{\"to\":\"5011223344\",\"content\":{\"kind\":\"media\",\"mediaType\":\"" + c[0]
                    + "\",\"mediaId\":\"FILE-" + c[0] + "\"}}");
        }
        assertThat(telegram.sentMessages()).extracting(FakeBotApi.Call::method)
                .containsExactly("sendDocument", "sendAudio", "sendVoice", "sendVideo", "sendSticker");
        for (int i = 0; i < cases.length; i++) {
            assertThat(telegram.sentMessages().get(i).body()).isEqualTo(Bots.json(
                    "{\"chat_id\":5011223344,\"" + cases[i][2] + "\":\"FILE-" + cases[i][0] + "\"}"));
        }
    }

    @Test
    void sends_a_sticker_without_the_caption_the_bot_api_does_not_take() {
        send("{\"to\":\"5011223344\",\"content\":{\"kind\":\"media\",\"mediaType\":\"sticker\","
                + "\"mediaId\":\"CAACAgEAAxkBAAIQj2PonteSticker01\",\"caption\":\"legal\"}}");
        assertThat(onlyCall().body()).isEqualTo(Bots.json(
                "{\"chat_id\":5011223344,\"sticker\":\"CAACAgEAAxkBAAIQj2PonteSticker01\"}"));
    }

    @Test
    void sends_a_location_or_a_venue_when_it_has_a_name_and_address() {
        send("{\"to\":\"5011223344\",\"content\":{\"kind\":\"location\",\"latitude\":-23.5614,"
                + "\"longitude\":-46.6558}}");
        send("{\"to\":\"5011223344\",\"content\":{\"kind\":\"location\",\"latitude\":-23.5614,"
                + "\"longitude\":-46.6558,\"name\":\"MASP\",\"address\":\"Av. Paulista, 1578\"}}");
        assertThat(telegram.sentMessages().get(0).method()).isEqualTo("sendLocation");
        assertThat(telegram.sentMessages().get(0).body()).isEqualTo(Bots.json(
                "{\"chat_id\":5011223344,\"latitude\":-23.5614,\"longitude\":-46.6558}"));
        assertThat(telegram.sentMessages().get(1).method()).isEqualTo("sendVenue");
        assertThat(telegram.sentMessages().get(1).body()).isEqualTo(Bots.json("{\"chat_id\":5011223344,"
                + "\"latitude\":-23.5614,\"longitude\":-46.6558,\"title\":\"MASP\",\"address\":\"Av. Paulista, 1578\"}"));
    }

    @Test
    void sends_a_contact_with_extra_numbers_and_emails_in_a_vcard() {
        send("{\"to\":\"5011223344\",\"content\":{\"kind\":\"contacts\",\"contacts\":[{\"name\":\"Loja; Centro\","
                + "\"phones\":[\"+551130001000\",\"+5511988887777\"],\"emails\":[\"loja@example.com\"]}]}}");
        assertThat(onlyCall().method()).isEqualTo("sendContact");
        assertThat(onlyCall().body()).isEqualTo(Bots.json("""
                {"chat_id":5011223344,"phone_number":"+551130001000","first_name":"Loja; Centro",
                 "vcard":"BEGIN:VCARD\\nVERSION:3.0\\nFN:Loja\\\\; Centro\\nTEL:+551130001000\\nTEL:+5511988887777\\nEMAIL:loja@example.com\\nEND:VCARD"}"""));
    }

    @Test
    void sends_a_single_number_contact_without_a_vcard() {
        send("{\"to\":\"5011223344\",\"content\":{\"kind\":\"contacts\",\"contacts\":[{\"name\":\"Bruno Lima\","
                + "\"phones\":[\"+5511988887777\"]}]}}");
        assertThat(onlyCall().body()).isEqualTo(Bots.json(
                "{\"chat_id\":5011223344,\"phone_number\":\"+5511988887777\",\"first_name\":\"Bruno Lima\"}"));
    }

    @Test
    void reacts_with_set_message_reaction_and_removes_a_reaction_with_an_empty_list() {
        ActionResult result = send("{\"to\":\"5011223344\",\"content\":{\"kind\":\"reaction\",\"messageId\":\"4101\","
                + "\"emoji\":\"👍\"}}");
        send("{\"to\":\"5011223344\",\"content\":{\"kind\":\"reaction\",\"messageId\":\"4101\",\"emoji\":\"\"}}");
        assertThat(telegram.calls("setMessageReaction")).extracting(FakeBotApi.Call::body).containsExactly(
                Bots.json("{\"chat_id\":5011223344,\"message_id\":4101,\"reaction\":[{\"type\":\"emoji\","
                        + "\"emoji\":\"👍\"}]}"),
                Bots.json("{\"chat_id\":5011223344,\"message_id\":4101,\"reaction\":[]}"));
        assertThat(result).isEqualTo(new ActionResult.Delivered(null, Bots.json("{\"ok\":true,\"result\":true}")));
        assertThat(telegram.sentMessages()).isEmpty();
    }

    @Test
    void takes_to_and_reply_to_as_json_integers_too_without_changing_the_input() {
        var request = Bots.action("message.send", "{\"to\":5011223344,\"text\":\"oi\",\"replyTo\":2210}");
        var before = request.input().deepCopy();
        connector.invoke(request);
        assertThat(onlyCall().body()).isEqualTo(Bots.json("{\"chat_id\":5011223344,\"text\":\"oi\","
                + "\"reply_parameters\":{\"message_id\":2210,\"allow_sending_without_reply\":true}}"));
        assertThat(request.input()).isEqualTo(before);
    }

    @Test
    void sends_to_a_public_channel_by_its_username() {
        ActionResult result = send("{\"to\":\"@ponte_news\",\"text\":\"Nova versão no ar!\"}");
        assertThat(onlyCall().body().path("chat_id").asText()).isEqualTo("@ponte_news");
        assertThat(result).isInstanceOf(ActionResult.Delivered.class);
    }

    @Test
    void refuses_input_telegram_cannot_send_without_calling_it() {
        String tooLong = "x".repeat(4097);
        String tooLongId = "y".repeat(65);
        String[][] cases = {
                {"{\"text\":\"oi\"}", "message.send input needs \"to\""},
                {"{\"to\":\"  \",\"text\":\"oi\"}", "message.send input needs \"to\""},
                {"{\"to\":\"ana souza\",\"text\":\"oi\"}", "to must be a Telegram chat id"},
                {"{\"to\":\"5011223344\"}", "needs \"text\" or \"content\": nothing to send"},
                {"{\"to\":\"5011223344\",\"text\":\"   \"}", "the message is empty"},
                {"{\"to\":\"5011223344\",\"text\":\"" + tooLong + "\"}", "at most 4096"},
                {"{\"to\":\"5011223344\",\"text\":\"oi\",\"parseMode\":\"markdown\"}", "parseMode must be one of"},
                {"{\"to\":\"5011223344\",\"text\":\"oi\",\"buttons\":[{\"id\":\"" + tooLongId
                        + "\",\"title\":\"A\"}]}", "over 64 bytes"},
                {"{\"to\":\"5011223344\",\"text\":\"oi\",\"buttons\":" + manyButtons(101) + "}", "too many buttons"},
                {"{\"to\":\"5011223344\",\"text\":\"oi\",\"buttons\":[{\"id\":\"a\"}]}",
                        "buttons[0] needs a non-empty \"id\" and \"title\""},
                {"{\"to\":\"5011223344\",\"text\":\"oi\",\"buttons\":[{\"id\":\"a\",\"title\":\"A\"}],"
                        + "\"replyMarkup\":{}}", "not both"},
                {"{\"to\":\"5011223344\",\"text\":\"oi\",\"replyTo\":\"wamid.X\"}", "replyTo must be an integer"},
                {"{\"to\":\"5011223344\",\"content\":{\"kind\":\"nope\"}}",
                        "\"content\" is not a normalized Content object"},
                {"{\"to\":\"5011223344\",\"content\":{\"kind\":\"media\",\"mediaType\":\"image\","
                        + "\"url\":\"/api/v1/media/evt_1\"}}", "absolute http(s) URL"},
                {"{\"to\":\"5011223344\",\"content\":{\"kind\":\"template\",\"name\":\"order_update\"}}",
                        "no message templates"},
                {"{\"to\":\"5011223344\",\"content\":{\"kind\":\"interactive_reply\",\"id\":\"a\"}}",
                        "interactive_reply is what a contact sends"},
                {"{\"to\":\"5011223344\",\"content\":{\"kind\":\"unsupported\",\"type\":\"poll\"}}",
                        "unsupported type poll"},
                {"{\"to\":\"5011223344\",\"content\":{\"kind\":\"contacts\",\"contacts\":[]}}", "one contact"},
                {"{\"to\":\"5011223344\",\"content\":{\"kind\":\"reaction\",\"messageId\":\"abc\",\"emoji\":\"x\"}}",
                        "reaction.messageId"},
                {"[1,2]", "input must be a JSON object"}};
        for (String[] c : cases) {
            ActionResult result = send(c[0]);
            assertThat(result).as(c[0]).isInstanceOfSatisfying(ActionResult.Failed.class,
                    f -> assertThat(f.reason()).contains(c[1]));
        }
        assertThat(telegram.requests()).isEmpty();
    }

    @Test
    void leaves_the_length_of_formatted_text_to_telegram() {
        send("{\"to\":\"5011223344\",\"text\":\"<b>" + "x".repeat(4096) + "</b>\",\"parseMode\":\"HTML\"}");
        assertThat(onlyCall().method()).isEqualTo("sendMessage");
    }

    private static String manyButtons(int n) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"b").append(i).append("\",\"title\":\"B\"}");
        }
        return json.append(']').toString();
    }
}
