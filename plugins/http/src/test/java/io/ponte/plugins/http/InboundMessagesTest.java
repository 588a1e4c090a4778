package io.ponte.plugins.http;

import io.ponte.testkit.TestConnectorContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Party;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ponte's inbound JSON format, on a connection without a secret. Fixtures: {@code http/inbound/}. */
class InboundMessagesTest {

    private final TestConnectorContext context = TestContext.withConfig("{}");
    private final WebhookReceiver receiver = new HttpConnectorFactory().open(context).webhook().orElseThrow();

    private WebhookResult receive(String fixture) {
        return receiver.receive(Fixtures.post(Fixtures.bytes("inbound/" + fixture)));
    }

    @Test
    void turns_a_text_message_into_one_inbound_envelope() {
        WebhookResult result = receive("text.json");

        assertThat(result.envelopes()).singleElement().satisfies(draft -> {
            assertThat(draft.type()).isEqualTo("message.inbound");
            assertThat(draft.externalId()).isEqualTo("m1");
            assertThat(draft.conversationAddress()).isEqualTo("5511999990001");
            assertThat(draft.conversation()).isNull();
            assertThat(draft.occurredAt()).isNull();
            assertThat(draft.payload()).isEqualTo(
                    ChatMessage.inbound(new Party("5511999990001", "Ana"), new Content.Text("oi")));
        });
        assertThat(result.response()).isEqualTo(WebhookResponse.json(200, "{\"received\":1,\"duplicates\":0}"));
        assertThat(result.response(0, 1).body()).as("a replay stores nothing new")
                .isEqualTo("{\"received\":0,\"duplicates\":1}");
    }

    @Test
    void gives_the_text_and_each_attachment_its_own_envelope_in_order() {
        WebhookResult result = receive("attachments.json");

        List<EnvelopeDraft> drafts = result.envelopes();
        assertThat(drafts).extracting(EnvelopeDraft::externalId).containsExactly("m2", "m2#1", "m2#2");
        Party ana = new Party("5511999990001", "Ana");
        assertThat(drafts).extracting(EnvelopeDraft::payload).containsExactly(
                ChatMessage.inbound(ana, new Content.Text("segue o comprovante")),
                ChatMessage.inbound(ana, new Content.Media(Content.MediaType.DOCUMENT,
                        "https://files.example.com/receipt.pdf", null, "application/pdf", null, null, "receipt.pdf",
                        null)),
                ChatMessage.inbound(ana, new Content.Media(Content.MediaType.IMAGE,
                        "https://files.example.com/photo.jpg", null, "image/jpeg", null, "foto da entrega", null,
                        null)));
        assertThat(drafts).allSatisfy(draft -> {
            assertThat(draft.type()).isEqualTo("message.inbound");
            assertThat(draft.conversationAddress()).isEqualTo("5511999990001");
            assertThat(draft.occurredAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(draft.attributes()).isEqualTo(Map.of("source", "crm", "campaign", "janeiro"));
        });
        assertThat(result.response().body()).isEqualTo("{\"received\":3,\"duplicates\":0}");
    }

    @Test
    void reads_an_array_of_messages_in_order() {
        WebhookResult result = receive("batch.json");

        assertThat(result.envelopes()).extracting(EnvelopeDraft::externalId).containsExactly("b1", "b2#1", "b3");
        assertThat(result.envelopes()).extracting(EnvelopeDraft::conversationAddress)
                .containsExactly("5511999990001", "5511999990002", "grupo-vendas");
        assertThat(result.envelopes().get(1).payload()).isEqualTo(ChatMessage.inbound(Party.of("5511999990002"),
                new Content.Media(Content.MediaType.VOICE, "https://files.example.com/note.ogg", null, "audio/ogg",
                        null, null, null, null)));
        assertThat(result.response().body()).isEqualTo("{\"received\":3,\"duplicates\":0}");
    }

    @Test
    void pushes_an_outbound_reply_into_a_conversation_held_by_another_connection() {
        WebhookResult result = receive("outbound-reply.json");

        assertThat(result.envelopes()).singleElement().satisfies(draft -> {
            assertThat(draft.type()).isEqualTo("message.outbound");
            assertThat(draft.externalId()).isEqualTo("n8n-exec-7");
            assertThat(draft.conversation()).isEqualTo(ConversationKey.of("con_whatsapp:5511999990001"));
            assertThat(draft.conversationAddress()).isNull();
            assertThat(draft.payload()).isEqualTo(ChatMessage.outbound(Party.of("5511999990001"),
                    new Content.Text("Olá! Seu pedido saiu para entrega.")));
        });
    }

    @Test
    void an_explicit_inbound_type_is_the_default() {
        WebhookResult result = receiver.receive(Fixtures.post(
                "{\"type\":\"message.inbound\",\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\"}"));
        assertThat(result.envelopes()).singleElement()
                .satisfies(draft -> assertThat(draft.type()).isEqualTo("message.inbound"));
    }

    @Test
    void answers_an_empty_array_with_zero_received() {
        WebhookResult result = receiver.receive(Fixtures.post("[]"));
        assertThat(result.envelopes()).isEmpty();
        assertThat(result.response().body()).isEqualTo("{\"received\":0,\"duplicates\":0}");
    }

    @Test
    void keeps_the_default_answer_to_get() {
        WebhookResponse response = receiver.handshake(new WebhookRequest("GET", Map.of(), Map.of(), null));
        assertThat(response.status()).isEqualTo(405);
    }

    static Stream<Arguments> invalid_bodies() {
        String ok = "{\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\"}";
        String many = "[" + String.join(",", java.util.Collections.nCopies(101, ok)) + "]";
        return Stream.of(
                Arguments.of("", "body is empty: send a JSON message object or an array of them"),
                Arguments.of("\"hi\"", "body must be a JSON object or an array of objects, not a string"),
                Arguments.of("{\"from\":\"55\",\"text\":\"oi\"}", "id is required"),
                Arguments.of("{\"id\":5,\"from\":\"55\",\"text\":\"oi\"}", "id must be a string of at most 200 characters"),
                Arguments.of("{\"id\":\"" + "x".repeat(201) + "\",\"from\":\"55\",\"text\":\"oi\"}",
                        "id must be a string of at most 200 characters"),
                Arguments.of("{\"id\":\" \",\"from\":\"55\",\"text\":\"oi\"}", "id must not be blank"),
                Arguments.of("{\"id\":\"m1\",\"text\":\"oi\"}", "from is required"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"" + "5".repeat(201) + "\",\"text\":\"oi\"}",
                        "from must be a string of at most 200 characters"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"name\":[\"Ana\"],\"text\":\"oi\"}",
                        "name must be a string of at most 200 characters"),
                Arguments.of("[" + ok + "," + ok + ",{\"id\":\"m3\",\"text\":\"oi\"}]", "messages[2].from is required"),
                Arguments.of("[" + ok + ",1]", "messages[1] must be a JSON object, not a number"),
                Arguments.of(many, "body holds 101 messages; at most 100 per request"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\"}", "text is required when there are no attachments"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"attachments\":[]}",
                        "text is required when there are no attachments"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"text\":\"" + "a".repeat(65_537) + "\"}",
                        "text must be a string of at most 65536 characters"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\",\"attachments\":{}}",
                        "attachments must be an array of objects"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"attachments\":[{\"type\":\"image\"}]}",
                        "attachments[0].url is required"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"attachments\":[{\"url\":\"/photo.jpg\",\"type\":\"image\"}]}",
                        "attachments[0].url must be an absolute http(s) URL"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"attachments\":[{\"url\":\"https://x.example/a.jpg\","
                                + "\"type\":\"image\"},{\"url\":\"https://x.example/b\",\"type\":\"gif\"}]}",
                        "attachments[1].type must be one of image, audio, voice, video, document, sticker"),
                Arguments.of("[" + ok + ",{\"id\":\"m2\",\"from\":\"55\",\"attachments\":[{\"url\":\"https://x.example/a\"}]}]",
                        "messages[1].attachments[0].type is required"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\",\"occurredAt\":\"2026-01-01 10:00\"}",
                        "occurredAt must be an ISO-8601 date-time with offset between 0001-01-01T00:00:00Z and "
                                + "9999-12-31T23:59:59Z, e.g. 2026-01-01T10:00:00Z"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\","
                                + "\"occurredAt\":\"+999999999-12-31T23:59:59Z\"}",
                        "occurredAt must be an ISO-8601 date-time with offset between 0001-01-01T00:00:00Z and "
                                + "9999-12-31T23:59:59Z, e.g. 2026-01-01T10:00:00Z"),
                Arguments.of("[" + ok + ",{\"id\":\"m2\",\"from\":\"55\\u0000\",\"text\":\"oi\"}]",
                        "messages[1].from contains a NUL character (U+0000); the hub stores only valid Unicode text "
                                + "without NUL characters"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"name\":\"Ana\\ud800\",\"text\":\"oi\"}",
                        "name contains an unpaired surrogate (U+D800), which is not valid Unicode; the hub stores only "
                                + "valid Unicode text without NUL characters"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\",\"attributes\":{\"a\\u0000\":\"x\"}}",
                        "attributes has a key that contains a NUL character (U+0000); the hub stores only valid "
                                + "Unicode text without NUL characters"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\",\"attributes\":[\"a\"]}",
                        "attributes must be a JSON object of string values"),
                Arguments.of("{\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\",\"attributes\":{\"n\":1}}",
                        "attributes.n must be a string of at most 1000 characters"),
                Arguments.of("{\"type\":\"order.updated\",\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\"}",
                        "type must be message.inbound (the default) or message.outbound"),
                Arguments.of("{\"type\":\"message.outbound\",\"id\":\"r1\",\"text\":\"oi\"}",
                        "conversation is required when type is message.outbound"),
                Arguments.of("{\"type\":\"message.outbound\",\"id\":\"r1\",\"conversation\":\"5511999990001\",\"text\":\"oi\"}",
                        "conversation must be a conversation key <connectionId>:<address> when type is message.outbound"),
                Arguments.of("{\"type\":\"message.outbound\",\"id\":\"r1\",\"conversation\":\"con_wa:\",\"text\":\"oi\"}",
                        "conversation must be a conversation key <connectionId>:<address> when type is message.outbound"),
                Arguments.of("{\"type\":\"message.outbound\",\"id\":\"r1\",\"conversation\":\" :55\",\"text\":\"oi\"}",
                        "conversation must be a conversation key <connectionId>:<address> when type is message.outbound"),
                Arguments.of("{\"type\":\"message.outbound\",\"id\":\"r1\",\"conversation\":\"con_wa: \",\"text\":\"oi\"}",
                        "conversation must be a conversation key <connectionId>:<address> when type is message.outbound"),
                Arguments.of("{\"type\":\"message.outbound\",\"id\":\"r1\",\"conversation\":\"con_wa:55\"}",
                        "text is required when type is message.outbound"),
                Arguments.of("{\"type\":\"message.outbound\",\"id\":\"r1\",\"conversation\":\"con_wa:55\",\"text\":\"oi\","
                                + "\"attachments\":[{\"url\":\"https://x.example/a\",\"type\":\"image\"}]}",
                        "attachments are not supported when type is message.outbound"));
    }

    @ParameterizedTest
    @MethodSource("invalid_bodies")
    void rejects_an_invalid_body_with_a_detail_naming_the_field(String body, String detail) {
        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> receiver.receive(Fixtures.post(body)));

        assertThat(e).as("rejected").isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo(detail);
    }

    @Test
    void rejects_malformed_json_saying_where() {
        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> receiver.receive(Fixtures.post("{\"id\":\"m1\",\n\"from\":}")));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("body is not valid JSON: ").contains("line 2");
    }

    @Test
    void rejects_trailing_content_after_the_json() {
        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> receiver.receive(Fixtures.post("{\"id\":\"m1\",\"from\":\"55\",\"text\":\"oi\"} {}")));
        assertThat(e.getMessage()).startsWith("body is not valid JSON: ");
    }

    @Test
    void counts_rejected_requests_by_status() {
        catchThrowableOfType(WebhookRejectedException.class, () -> receiver.receive(Fixtures.post("[1]")));
        assertThat(context.recordedMetrics()).contains("webhook.rejected[status,400]");
    }
}
