package io.ponte.plugins.instagram;

import static io.ponte.plugins.instagram.Fixtures.CONTACT;
import static io.ponte.plugins.instagram.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.plugins.instagram.fake.FakeInstagramApi;
import io.ponte.testkit.fake.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each outbound kind against the fake Send API: the exact JSON, path and auth header it receives. */
class MessageSendTest {

    private final SendSupport send = new SendSupport();

    @AfterEach
    void close() {
        send.close();
    }

    @Test
    void posts_a_text_to_the_accounts_messages_endpoint_with_the_bearer_token() {
        ActionResult result = send.send("{\"to\":\"" + CONTACT + "\",\"text\":\"Temos sim!\",\"conversation\":\"x\"}");

        Recorded request = send.fake.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v21.0/" + Fixtures.ACCOUNT + "/messages");
        assertThat(request.queryParams()).isEmpty();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + Fixtures.ACCESS_TOKEN);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.bodyJson()).isEqualTo(json("""
                {"recipient":{"id":"7359216482013577"},"messaging_type":"RESPONSE","message":{"text":"Temos sim!"}}"""));
        assertThat(result).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
            assertThat(d.externalRef()).isNotBlank().isEqualTo(d.output().get("message_id").textValue());
            assertThat(d.output().get("recipient_id").textValue()).isEqualTo(CONTACT);
        });
    }

    @Test
    void prefers_content_over_text() {
        send.send("{\"to\":\"" + CONTACT + "\",\"text\":\"ignored\",\"content\":{\"kind\":\"text\",\"text\":\"used\"}}");

        assertThat(send.onlySent().at("/message/text").textValue()).isEqualTo("used");
    }

    @Test
    void offers_buttons_as_quick_replies() {
        send.send("""
                {"to":"7359216482013577","text":"Qual tamanho?",
                 "buttons":[{"id":"SIZE_41","title":"41"},{"id":"SIZE_42","title":"42"}]}""");

        assertThat(send.onlySent()).isEqualTo(json("""
                {"recipient":{"id":"7359216482013577"},"messaging_type":"RESPONSE",
                 "message":{"text":"Qual tamanho?","quick_replies":[
                   {"content_type":"text","title":"41","payload":"SIZE_41"},
                   {"content_type":"text","title":"42","payload":"SIZE_42"}]}}"""));
    }

    @Test
    void tags_a_human_agents_answer() {
        send.send("{\"to\":\"" + CONTACT + "\",\"text\":\"Sou a Ana, do atendimento.\",\"tag\":\"HUMAN_AGENT\"}");

        assertThat(send.onlySent()).isEqualTo(json("""
                {"recipient":{"id":"7359216482013577"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT",
                 "message":{"text":"Sou a Ana, do atendimento."}}"""));
    }

    @ParameterizedTest
    @CsvSource({"image,image", "video,video", "audio,audio", "voice,audio", "document,file"})
    void sends_media_as_an_attachment_by_url(String mediaType, String attachmentType) {
        send.send("{\"to\":\"" + CONTACT + "\",\"content\":{\"kind\":\"media\",\"mediaType\":\"" + mediaType
                + "\",\"url\":\"https://cdn.example.com/catalogo/tenis-azul\"}}");

        assertThat(send.onlySent()).isEqualTo(json("{\"recipient\":{\"id\":\"7359216482013577\"},"
                + "\"messaging_type\":\"RESPONSE\",\"message\":{\"attachment\":{\"type\":\"" + attachmentType
                + "\",\"payload\":{\"url\":\"https://cdn.example.com/catalogo/tenis-azul\"}}}}"));
    }

    @Test
    void sends_an_uploaded_attachment_by_its_id() {
        send.send("{\"to\":\"" + CONTACT + "\",\"content\":{\"kind\":\"media\",\"mediaType\":\"image\","
                + "\"mediaId\":\"1857777774821032\"}}");

        assertThat(send.onlySent().at("/message/attachment")).isEqualTo(json("""
                {"type":"image","payload":{"attachment_id":"1857777774821032"}}"""));
    }

    @Test
    void reacts_to_a_message_with_a_sender_action() {
        ActionResult result = send.send("{\"to\":\"" + CONTACT + "\",\"content\":{\"kind\":\"reaction\","
                + "\"messageId\":\"" + Fixtures.mid(1) + "\",\"emoji\":\"\u2764\uFE0F\"}}");

        assertThat(send.onlySent()).isEqualTo(json("{\"recipient\":{\"id\":\"7359216482013577\"},"
                + "\"sender_action\":\"react\",\"payload\":{\"message_id\":\"" + Fixtures.mid(1)
                + "\",\"reaction\":\"\u2764\uFE0F\"}}"));
        assertThat(result).isInstanceOfSatisfying(ActionResult.Delivered.class,
                d -> assertThat(d.externalRef()).isNull());
    }

    @Test
    void removes_a_reaction_when_the_emoji_is_empty() {
        send.send("{\"to\":\"" + CONTACT + "\",\"content\":{\"kind\":\"reaction\",\"messageId\":\""
                + Fixtures.mid(1) + "\",\"emoji\":\"\"}}");

        assertThat(send.onlySent()).isEqualTo(json("{\"recipient\":{\"id\":\"7359216482013577\"},"
                + "\"sender_action\":\"unreact\",\"payload\":{\"message_id\":\"" + Fixtures.mid(1) + "\"}}"));
    }

    @Test
    void ignores_reply_to_which_the_send_api_does_not_support() {
        ActionResult result = send.send("{\"to\":\"" + CONTACT + "\",\"text\":\"Esse mesmo\",\"replyTo\":\""
                + Fixtures.mid(1) + "\"}");

        assertThat(result).isInstanceOf(ActionResult.Delivered.class);
        assertThat(send.onlySent().toString()).doesNotContain(Fixtures.mid(1)).doesNotContain("reply");
    }

    @Test
    void accepts_a_text_of_exactly_1000_bytes() {
        String text = "é".repeat(500);

        assertThat(send.send("{\"to\":\"" + CONTACT + "\",\"text\":\"" + text + "\"}"))
                .isInstanceOf(ActionResult.Delivered.class);
        assertThat(send.onlySent().at("/message/text").textValue()).isEqualTo(text);
    }
}
