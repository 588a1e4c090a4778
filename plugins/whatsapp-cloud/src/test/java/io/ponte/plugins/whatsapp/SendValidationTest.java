package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Input WhatsApp would refuse fails at once, with a clear reason and without a call. */
class SendValidationTest {

    private final FakeGraphApi graph = new FakeGraphApi(Fixtures.PHONE_NUMBER_ID, Fixtures.ACCESS_TOKEN);
    private final Connector connector = new WhatsAppConnectorFactory().open(Fixtures.context(graph.baseUrl()));

    @AfterEach
    void stop() {
        connector.close();
        graph.close();
    }

    private String failure(String input) {
        ActionResult result = connector.invoke(Fixtures.action(ActionNames.MESSAGE_SEND, input));
        assertThat(result).isInstanceOf(ActionResult.Failed.class);
        assertThat(graph.requests()).as("no call for invalid input").isEmpty();
        return ((ActionResult.Failed) result).reason();
    }

    private static String buttons(int n, int titleLength) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("{\"id\":\"b").append(i).append("\",\"title\":\"")
                    .append(Character.toString('a' + i).repeat(titleLength)).append("\"}");
        }
        return s.append(']').toString();
    }

    @Test
    void refuses_a_send_without_a_recipient() {
        assertThat(failure("{\"text\":\"oi\"}")).contains("message.send input needs \"to\"");
    }

    @Test
    void refuses_an_empty_message() {
        assertThat(failure("{\"to\":\"55\"}")).contains("nothing to send");
        assertThat(failure("{\"to\":\"55\",\"text\":\"   \"}")).contains("empty");
    }

    @Test
    void refuses_text_over_4096_characters() {
        assertThat(failure("{\"to\":\"55\",\"text\":\"" + "x".repeat(4097) + "\"}")).contains("4097").contains("4096");
    }

    @Test
    void refuses_more_than_ten_buttons_and_titles_over_the_limits() {
        assertThat(failure("{\"to\":\"55\",\"text\":\"?\",\"buttons\":" + buttons(11, 3) + "}")).contains("at most 10");
        assertThat(failure("{\"to\":\"55\",\"text\":\"?\",\"buttons\":" + buttons(2, 21) + "}")).contains("20");
        assertThat(failure("{\"to\":\"55\",\"text\":\"?\",\"buttons\":" + buttons(5, 25) + "}")).contains("24");
    }

    @Test
    void refuses_buttons_without_id_duplicate_buttons_and_buttons_without_text() {
        assertThat(failure("{\"to\":\"55\",\"text\":\"?\",\"buttons\":[{\"title\":\"a\"}]}")).contains("\"id\"");
        assertThat(failure("{\"to\":\"55\",\"text\":\"?\",\"buttons\":[{\"id\":\"a\",\"title\":\"x\"},"
                + "{\"id\":\"a\",\"title\":\"y\"}]}")).contains("unique");
        assertThat(failure("{\"to\":\"55\",\"content\":{\"kind\":\"media\",\"mediaType\":\"image\",\"mediaId\":\"1\"},"
                + "\"buttons\":[{\"id\":\"a\",\"title\":\"x\"}]}")).contains("text");
    }

    @Test
    void refuses_content_that_is_not_normalized_content_json() {
        assertThat(failure("{\"to\":\"55\",\"content\":{\"kind\":\"hologram\"}}"))
                .contains("not a normalized Content object");
        assertThat(failure("{\"to\":\"55\",\"content\":{\"kind\":\"media\",\"mediaType\":\"image\"}}"))
                .contains("not a normalized Content object");
    }

    @Test
    void refuses_what_whatsapp_cannot_send() {
        assertThat(failure("{\"to\":\"55\",\"content\":{\"kind\":\"template\",\"name\":\"hello_world\"}}"))
                .contains("language");
        assertThat(failure("{\"to\":\"55\",\"content\":{\"kind\":\"interactive_reply\",\"id\":\"x\"}}"))
                .contains("buttons");
        assertThat(failure("{\"to\":\"55\",\"content\":{\"kind\":\"unsupported\",\"type\":\"order\"}}"))
                .contains("order");
        assertThat(failure("{\"to\":\"55\",\"content\":{\"kind\":\"media\",\"mediaType\":\"sticker\",\"mediaId\":\"1\","
                + "\"caption\":\"hi\"}}")).contains("caption");
        assertThat(failure("{\"to\":\"55\",\"content\":{\"kind\":\"contacts\",\"contacts\":[]}}")).contains("contact");
    }

    @Test
    void refuses_mark_as_read_without_a_message_id() {
        ActionResult result = connector.invoke(Fixtures.action(ActionNames.MESSAGE_READ, "{}"));

        assertThat(result).isInstanceOf(ActionResult.Failed.class);
        assertThat(graph.requests()).isEmpty();
    }

    @Test
    void answers_an_unknown_action_with_the_ones_it_offers() {
        ActionResult result = connector.invoke(Fixtures.action(ActionNames.CONTACT_UPSERT, "{}"));

        assertThat(((ActionResult.Failed) result).reason()).contains("message.send").contains("message.read");
    }
}
