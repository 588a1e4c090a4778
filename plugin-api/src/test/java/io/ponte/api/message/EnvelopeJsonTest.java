package io.ponte.api.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON form of the model is public API: these shapes must not change by accident. */
class EnvelopeJsonTest {

    private final ObjectMapper json = MessageJson.newMapper();

    @Test
    void a_text_chat_message_has_the_documented_shape() throws Exception {
        Envelope e = new Envelope("evt_01", "default", EnvelopeTypes.MESSAGE_INBOUND, "con_A", "m1",
                ConversationKey.of("con_A:5511999990001"), Instant.parse("2026-01-02T03:04:05Z"), "evt_01", null,
                ChatMessage.inbound(new Party("5511999990001", "Ana"), new Content.Text("oi")), Map.of());
        JsonNode expected = json.readTree("""
                {"id":"evt_01","tenant":"default","type":"message.inbound","source":"con_A","externalId":"m1",
                 "conversation":"con_A:5511999990001","occurredAt":"2026-01-02T03:04:05Z","correlationId":"evt_01",
                 "payload":{"kind":"chat","from":{"address":"5511999990001","name":"Ana"},
                            "content":{"kind":"text","text":"oi"}},
                 "attributes":{}}""");
        JsonNode actual = json.valueToTree(e);
        assertThat(actual).isEqualTo(expected);
        assertThat(json.readValue(json.writeValueAsString(e), Envelope.class)).isEqualTo(e);
    }

    @Test
    void every_payload_and_content_kind_round_trips_with_its_discriminator() throws Exception {
        List<Payload> payloads = List.of(
                ChatMessage.inbound(Party.of("1"), new Content.Media(Content.MediaType.IMAGE, null, "media-1",
                        "image/jpeg", "abc", "a cat", null, 1234L)),
                ChatMessage.inbound(Party.of("1"), new Content.Location(-23.5, -46.6, "Paulista", "Av. Paulista")),
                ChatMessage.inbound(Party.of("1"), new Content.Contacts(List.of(
                        new Content.SharedContact("Bia", List.of("+5511"), List.of())))),
                ChatMessage.inbound(Party.of("1"), new Content.InteractiveReply("btn-yes", "Yes")),
                ChatMessage.inbound(Party.of("1"), new Content.Reaction("wamid.1", "👍")),
                ChatMessage.outbound(Party.of("1"), new Content.Template("welcome", "pt_BR",
                        json.readTree("[{\"type\":\"body\"}]"))),
                ChatMessage.inbound(Party.of("1"), new Content.Unsupported("poll", json.readTree("{\"q\":1}"))),
                new StatusUpdate("wamid.1", StatusUpdate.Status.FAILED, "1", "131047", "Re-engagement message"),
                new Order("o1", "paid", new BigDecimal("10.50"), "BRL", Party.of("1"),
                        List.of(new Order.Item("sku", "Mug", 2, new BigDecimal("5.25")))),
                new Payment("p1", "approved", new BigDecimal("10.50"), "BRL", "o1", null, "pix"),
                new Contact("c1", "Ana", "ana@example.com", "+5511", Map.of("source", "whatsapp")),
                new Lead(null, Party.of("1"), 80, "hot", Map.of("interest", "mugs")),
                new GenericPayload(json.readTree("{\"any\":[1,2]}")));
        List<String> kinds = List.of("chat", "chat", "chat", "chat", "chat", "chat", "chat", "status", "order",
                "payment", "contact", "lead", "generic");
        for (int i = 0; i < payloads.size(); i++) {
            JsonNode tree = json.valueToTree(payloads.get(i));
            assertThat(tree.get("kind").asText()).isEqualTo(kinds.get(i));
            assertThat(json.treeToValue(tree, Payload.class)).isEqualTo(payloads.get(i));
        }
        JsonNode media = json.valueToTree(payloads.get(0));
        JsonNode reply = json.valueToTree(payloads.get(3));
        assertThat(media.at("/content/kind").asText()).isEqualTo("media");
        assertThat(reply.at("/content/kind").asText()).isEqualTo("interactive_reply");
    }

    @Test
    void readers_ignore_fields_they_do_not_know() throws Exception {
        Payload p = json.readValue("{\"kind\":\"chat\",\"content\":{\"kind\":\"text\",\"text\":\"x\",\"new\":1},"
                + "\"future\":true}", Payload.class);
        assertThat(p).isEqualTo(new ChatMessage(null, null, new Content.Text("x"), null));
    }
}
