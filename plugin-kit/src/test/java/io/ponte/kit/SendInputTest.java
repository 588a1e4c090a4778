package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;

import io.ponte.api.message.Content;
import org.junit.jupiter.api.Test;

/** The shared {@code message.send} input: what routes, agents and conversation replies send to any channel. */
class SendInputTest {

    private static JsonNode json(String s) throws Exception {
        return PluginJson.mapper().readTree(s);
    }

    @Test
    void reads_text_reply_to_buttons_and_keeps_provider_extras() throws Exception {
        SendInput in = SendInput.parse(json("""
                {"to":" 5511999990001 ","text":"Qual tamanho?","replyTo":"wamid.X",
                 "buttons":[{"id":"p","title":"P"},{"id":"m","title":"M"}],"previewUrl":true}"""));
        assertThat(in.to()).isEqualTo("5511999990001");
        assertThat(in.text()).isEqualTo("Qual tamanho?");
        assertThat(in.replyTo()).isEqualTo("wamid.X");
        assertThat(in.buttons()).containsExactly(new SendInput.Button("p", "P"), new SendInput.Button("m", "M"));
        assertThat(in.raw().get("previewUrl").asBoolean()).isTrue();
    }

    @Test
    void takes_an_integer_address_and_message_id_as_their_decimal_text() throws Exception {
        SendInput in = SendInput.parse(json("{\"to\":-1001234567890,\"text\":\"oi\",\"replyTo\":2210}"));
        assertThat(in.to()).isEqualTo("-1001234567890");
        assertThat(in.replyTo()).isEqualTo("2210");
    }

    @Test
    void normalized_content_wins_over_text() throws Exception {
        SendInput in = SendInput.parse(json("""
                {"to":"42","text":"ignored","content":{"kind":"media","mediaType":"image",
                 "url":"https://example.com/p.jpg","caption":"foto"}}"""));
        assertThat(in.content()).isEqualTo(new Content.Media(Content.MediaType.IMAGE, "https://example.com/p.jpg",
                null, null, null, "foto", null, null));
        assertThat(in.text()).isNull();
        assertThat(in.buttons()).isEmpty();
    }

    @Test
    void names_what_is_wrong_with_a_bad_input() throws Exception {
        for (String[] bad : new String[][]{
                {"[]", "JSON object"},
                {"{\"text\":\"oi\"}", "\"to\""},
                {"{\"to\":\"\",\"text\":\"oi\"}", "\"to\""},
                {"{\"to\":\"1\"}", "nothing to send"},
                {"{\"to\":\"1\",\"text\":7}", "\"text\" must be a string"},
                {"{\"to\":\"1\",\"content\":{\"kind\":\"hologram\"}}", "not a normalized Content"},
                {"{\"to\":\"1\",\"content\":{\"kind\":\"media\",\"mediaType\":\"image\"}}", "not a normalized Content"},
                {"{\"to\":\"1\",\"text\":\"a\",\"buttons\":{\"id\":\"x\"}}", "array"},
                {"{\"to\":\"1\",\"text\":\"a\",\"buttons\":[{\"id\":\"x\"}]}", "buttons[0]"}}) {
            assertThatThrownBy(() -> SendInput.parse(json(bad[0]))).as(bad[0])
                    .isInstanceOf(ActionFailure.class).hasMessageContaining(bad[1]);
        }
    }
}
