package io.ponte.plugins.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inputs Instagram would refuse fail at once, with a clear reason, and never reach Meta. */
class SendValidationTest {

    private static final String TO = "\"to\":\"" + Fixtures.CONTACT + "\"";

    private final SendSupport send = new SendSupport();

    @AfterEach
    void close() {
        assertThat(send.fake.requests()).as("requests that reached the fake").isEmpty();
        send.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"text\":\"oi\"}|message.send input needs \"to\": the recipient's address on the channel",
            "{\"to\":\"  \",\"text\":\"oi\"}|message.send input needs \"to\": the recipient's address on the channel",
            "{\"to\":{\"id\":\"7359216482013577\"},\"text\":\"oi\"}|\"to\" must be a string",
            "{" + TO + "}|message.send input needs \"text\" or \"content\": nothing to send",
            "{" + TO + ",\"text\":\"   \"}|the text is empty",
            "{" + TO + ",\"content\":{\"kind\":\"text\",\"text\":\" \"}}|the text is empty",
            "{" + TO + ",\"content\":{\"kind\":\"smoke_signal\"}}|\"content\" is not a normalized Content object",
            "{" + TO + ",\"content\":{\"kind\":\"media\",\"mediaType\":\"image\"}}|\"content\" is not a normalized Content object",
            "{" + TO + ",\"content\":{\"kind\":\"location\",\"latitude\":-23.5,\"longitude\":-46.6}}|Instagram cannot send location",
            "{" + TO + ",\"content\":{\"kind\":\"template\",\"name\":\"promo\"}}|Instagram cannot send template",
            "{" + TO + ",\"content\":{\"kind\":\"contacts\",\"contacts\":[]}}|Instagram cannot send contacts",
            "{" + TO + ",\"content\":{\"kind\":\"interactive_reply\",\"id\":\"x\"}}|Instagram cannot send interactive_reply",
            "{" + TO + ",\"content\":{\"kind\":\"media\",\"mediaType\":\"sticker\",\"url\":\"https://x.example/s.png\"}}|Instagram sends no sticker files",
            "{" + TO + ",\"content\":{\"kind\":\"media\",\"mediaType\":\"image\",\"url\":\"https://x.example/a.png\",\"caption\":\"olha\"}}|Instagram attachments carry no caption",
            "{" + TO + ",\"content\":{\"kind\":\"reaction\",\"emoji\":\"x\"}}|a reaction needs the messageId",
            "{" + TO + ",\"text\":\"oi\",\"tag\":\"ACCOUNT_UPDATE\"}|\"tag\" must be \"HUMAN_AGENT\"",
            "{" + TO + ",\"text\":\"oi\",\"buttons\":{\"id\":\"a\"}}|\"buttons\" must be an array",
            "{" + TO + ",\"text\":\"oi\",\"buttons\":[{\"id\":\"a\"}]}|buttons[0] needs a non-empty \"id\" and \"title\"",
            "{" + TO + ",\"text\":\"oi\",\"buttons\":[{\"id\":\"a\",\"title\":\"Um título longo demais!\"}]}|buttons[0].title is longer than 20 characters",
            "{" + TO + ",\"content\":{\"kind\":\"media\",\"mediaType\":\"image\",\"url\":\"https://x.example/a.png\"},\"buttons\":[{\"id\":\"a\",\"title\":\"A\"}]}|Instagram quick replies go with a text message"})
    void fails_without_calling_meta(String input, String reason) {
        assertThat(send.send(input)).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).startsWith(reason));
    }

    @Test
    void fails_for_more_than_13_buttons() {
        StringBuilder buttons = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            buttons.append(i == 0 ? "" : ",").append("{\"id\":\"o").append(i).append("\",\"title\":\"").append(i)
                    .append("\"}");
        }
        assertThat(send.send("{" + TO + ",\"text\":\"Escolha\",\"buttons\":[" + buttons + "]}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                        .isEqualTo("14 buttons; Instagram offers at most 13 quick replies"));
    }

    @Test
    void fails_for_a_text_over_1000_bytes_of_utf8() {
        // 501 two-byte characters: under 1000 characters, over 1000 bytes.
        assertThat(send.send("{" + TO + ",\"text\":\"" + "é".repeat(501) + "\"}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                        .isEqualTo("the text is 1002 bytes of UTF-8; Instagram takes at most 1000"));
    }

    @Test
    void fails_for_input_that_is_not_an_object() {
        ActionResult result = send.connector().invoke(new ActionRequest(ActionNames.MESSAGE_SEND, Fixtures.json("[1]"),
                null, "dlv_1", 1));

        assertThat(result).isEqualTo(ActionResult.failed("message.send input must be a JSON object such as "
                + "{\"to\":\"<address>\",\"text\":\"...\"}"));
    }

    @Test
    void fails_for_an_action_it_does_not_offer() {
        ActionResult result = send.connector().invoke(new ActionRequest(ActionNames.CONTACT_UPSERT, Fixtures.json("{}"),
                null, "dlv_1", 1));

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).contains("offers [message.send]"));
    }
}
