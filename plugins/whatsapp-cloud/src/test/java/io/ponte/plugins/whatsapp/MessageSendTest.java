package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.Party;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import io.ponte.testkit.fake.Recorded;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code message.send} and {@code message.read} against the fake Graph API: the exact request bodies. */
class MessageSendTest {

    private final FakeGraphApi graph = new FakeGraphApi(Fixtures.PHONE_NUMBER_ID, Fixtures.ACCESS_TOKEN);
    private final Connector connector = new WhatsAppConnectorFactory().open(Fixtures.context(graph.baseUrl()));

    @AfterEach
    void stop() {
        connector.close();
        graph.close();
    }

    private ActionResult send(String input) {
        return connector.invoke(Fixtures.action(ActionNames.MESSAGE_SEND, input));
    }

    /** Sends, expects Delivered, and returns the one body the fake received. */
    private JsonNode sent(String input) {
        ActionResult result = send(input);
        assertThat(result).isInstanceOf(ActionResult.Delivered.class);
        assertThat(graph.sentMessages()).hasSize(1);
        return graph.sentMessages().get(0);
    }

    @Test
    void sends_text_to_the_numbers_messages_path_with_the_bearer_token_and_returns_the_wamid() {
        ActionResult result = send("{\"to\":\"5511987650001\",\"text\":\"Chega amanhã!\",\"conversation\":\"con_1:x\"}");

        Recorded request = graph.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v21.0/" + Fixtures.PHONE_NUMBER_ID + "/messages");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + Fixtures.ACCESS_TOKEN);
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.bodyJson()).isEqualTo(Fixtures.json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987650001","type":"text",
                 "text":{"body":"Chega amanhã!"}}"""));
        ActionResult.Delivered delivered = (ActionResult.Delivered) result;
        assertThat(delivered.externalRef()).isEqualTo("wamid.FAKE00000001");
        assertThat(delivered.output().path("contacts").path(0).path("wa_id").asText()).isEqualTo("5511987650001");
    }

    @Test
    void sends_preview_url_and_a_quoted_reply() {
        assertThat(sent("""
                {"to":"+5511987650001","text":"Veja https://example.com/pedido/4471","previewUrl":true,
                 "replyTo":"wamid.QUOTED"}""")).isEqualTo(Fixtures.json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"+5511987650001","type":"text",
                 "text":{"preview_url":true,"body":"Veja https://example.com/pedido/4471"},
                 "context":{"message_id":"wamid.QUOTED"}}"""));
    }

    @Test
    void normalized_content_wins_over_text() {
        assertThat(sent("""
                {"to":"5511987650001","text":"ignored","content":{"kind":"text","text":"from content"}}""")
                .path("text").path("body").asText()).isEqualTo("from content");
    }

    @Test
    void sends_an_image_by_link_with_its_caption() {
        assertThat(sent("""
                {"to":"5511987650001","content":{"kind":"media","mediaType":"image",
                 "url":"https://cdn.example.com/p/4471.jpg","caption":"Seu pedido"}}""")).isEqualTo(Fixtures.json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987650001","type":"image",
                 "image":{"link":"https://cdn.example.com/p/4471.jpg","caption":"Seu pedido"}}"""));
    }

    @Test
    void sends_a_document_by_media_id_with_filename_and_a_voice_note_as_audio_with_voice() {
        JsonNode document = sent("""
                {"to":"5511987650001","content":{"kind":"media","mediaType":"document","mediaId":"1013859600285441",
                 "fileName":"nota.pdf","caption":"Nota fiscal"}}""");
        send("""
                {"to":"5511987650001","content":{"kind":"media","mediaType":"voice","mediaId":"1013859600285442"}}""");

        assertThat(document.path("document")).isEqualTo(Fixtures.json("""
                {"id":"1013859600285441","caption":"Nota fiscal","filename":"nota.pdf"}"""));
        assertThat(graph.sentMessages().get(1)).isEqualTo(Fixtures.json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987650001","type":"audio",
                 "audio":{"id":"1013859600285442","voice":true}}"""));
    }

    @Test
    void sends_video_and_sticker() {
        send("{\"to\":\"55\",\"content\":{\"kind\":\"media\",\"mediaType\":\"video\",\"url\":\"https://x.example/v.mp4\"}}");
        send("{\"to\":\"55\",\"content\":{\"kind\":\"media\",\"mediaType\":\"sticker\",\"mediaId\":\"77\"}}");

        assertThat(graph.sentMessages()).extracting(b -> b.path("type").asText()).containsExactly("video", "sticker");
        assertThat(graph.sentMessages().get(0).path("video")).isEqualTo(Fixtures.json("{\"link\":\"https://x.example/v.mp4\"}"));
        assertThat(graph.sentMessages().get(1).path("sticker")).isEqualTo(Fixtures.json("{\"id\":\"77\"}"));
    }

    @Test
    void sends_a_location() {
        assertThat(sent("""
                {"to":"5511987650001","content":{"kind":"location","latitude":-23.5613496,"longitude":-46.6560885,
                 "name":"MASP","address":"Av. Paulista, 1578"}}""").path("location")).isEqualTo(Fixtures.json("""
                {"latitude":-23.5613496,"longitude":-46.6560885,"name":"MASP","address":"Av. Paulista, 1578"}"""));
    }

    @Test
    void sends_contacts() {
        assertThat(sent("""
                {"to":"5511987650001","content":{"kind":"contacts","contacts":[{"name":"Bruno Lima",
                 "phones":["+55 11 97777-0002"],"emails":["bruno@example.com"]}]}}""")).isEqualTo(Fixtures.json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987650001","type":"contacts",
                 "contacts":[{"name":{"formatted_name":"Bruno Lima"},"phones":[{"phone":"+55 11 97777-0002"}],
                 "emails":[{"email":"bruno@example.com"}]}]}"""));
    }

    @Test
    void sends_a_template_with_language_and_components() {
        assertThat(sent("""
                {"to":"5511987650001","content":{"kind":"template","name":"order_update","language":"pt_BR",
                 "components":[{"type":"body","parameters":[{"type":"text","text":"4471"}]}]}}""")
                .path("template")).isEqualTo(Fixtures.json("""
                {"name":"order_update","language":{"code":"pt_BR"},
                 "components":[{"type":"body","parameters":[{"type":"text","text":"4471"}]}]}"""));
    }

    @Test
    void sends_a_reaction_and_removes_one_with_an_empty_emoji() {
        send("{\"to\":\"55\",\"content\":{\"kind\":\"reaction\",\"messageId\":\"wamid.IN1\",\"emoji\":\"\uD83D\uDC4D\"}}");
        send("{\"to\":\"55\",\"content\":{\"kind\":\"reaction\",\"messageId\":\"wamid.IN1\"}}");

        assertThat(graph.sentMessages().get(0)).isEqualTo(Fixtures.json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"55","type":"reaction",
                 "reaction":{"message_id":"wamid.IN1","emoji":"\uD83D\uDC4D"}}"""));
        assertThat(graph.sentMessages().get(1).path("reaction").path("emoji").asText()).isEmpty();
    }

    @Test
    void offers_up_to_three_choices_as_reply_buttons() {
        assertThat(sent("""
                {"to":"5511987650001","text":"Posso ajudar?","buttons":[{"id":"track","title":"Rastrear"},
                 {"id":"human","title":"Falar com alguém"}]}""")).isEqualTo(Fixtures.json("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987650001",
                 "type":"interactive","interactive":{"type":"button","body":{"text":"Posso ajudar?"},
                 "action":{"buttons":[{"type":"reply","reply":{"id":"track","title":"Rastrear"}},
                                      {"type":"reply","reply":{"id":"human","title":"Falar com alguém"}}]}}}"""));
    }

    @Test
    void offers_four_to_ten_choices_as_a_list_with_one_section() {
        JsonNode body = sent("""
                {"to":"55","text":"Escolha o frete","buttonText":"Fretes","buttons":[{"id":"a","title":"PAC"},
                 {"id":"b","title":"SEDEX"},{"id":"c","title":"SEDEX 10"},{"id":"d","title":"Retirar na loja"}]}""");

        assertThat(body.path("interactive")).isEqualTo(Fixtures.json("""
                {"type":"list","body":{"text":"Escolha o frete"},"action":{"button":"Fretes","sections":[
                 {"title":"Fretes","rows":[{"id":"a","title":"PAC"},{"id":"b","title":"SEDEX"},
                  {"id":"c","title":"SEDEX 10"},{"id":"d","title":"Retirar na loja"}]}]}}"""));
    }

    @Test
    void names_the_list_button_options_by_default() {
        JsonNode body = sent("""
                {"to":"55","text":"?","buttons":[{"id":"1","title":"a"},{"id":"2","title":"b"},{"id":"3","title":"c"},
                 {"id":"4","title":"d"}]}""");

        assertThat(body.path("interactive").path("action").path("button").asText()).isEqualTo("Options");
    }

    @Test
    void marks_a_message_read_by_id_or_from_the_causing_inbound_message() {
        ActionResult byId = connector.invoke(Fixtures.action(ActionNames.MESSAGE_READ,
                "{\"messageId\":\"wamid.IN7\"}"));
        Envelope cause = new Envelope("evt_1", "default", "message.inbound", "con_TEST", "wamid.IN8",
                ConversationKey.of("con_TEST:5511987650001"), Instant.parse("2026-01-01T10:00:00Z"), "evt_1", null,
                ChatMessage.inbound(Party.of("5511987650001"), new Content.Text("oi")), Map.of());
        ActionResult byCause = connector.invoke(new ActionRequest(ActionNames.MESSAGE_READ, Fixtures.json("{}"),
                cause, "dlv_2", 1));

        assertThat(graph.sentMessages()).containsExactly(
                Fixtures.json("{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.IN7\"}"),
                Fixtures.json("{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.IN8\"}"));
        assertThat(byId).isEqualTo(new ActionResult.Delivered("wamid.IN7", Fixtures.json("{\"success\":true}")));
        assertThat(((ActionResult.Delivered) byCause).externalRef()).isEqualTo("wamid.IN8");
    }

    @Test
    void declares_cloud_apis_default_throughput_as_its_send_rate() {
        assertThat(connector.sendRates()).containsExactly(io.ponte.api.connector.SendRate.perSecond(80));
    }
}
