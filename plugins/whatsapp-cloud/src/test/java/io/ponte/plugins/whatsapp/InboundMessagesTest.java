package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content.MediaType;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Party;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.testkit.TestConnectorContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code messages[]} of real-shaped webhooks (fixtures under whatsapp-cloud/webhook/) into message.inbound. */
class InboundMessagesTest {

    private static final String WA_ID = "5511987650001";
    private static final String WAMID_PREFIX = "wamid.HBgNNTUxMTk4NzY1MDAwMRUCABIYFjNFQjA";
    private static final String WAMID_SUFFIX = "QTFCMkMzRDRFNUY2QTdCOEM5AA==";

    private final TestConnectorContext context = Fixtures.context("http://127.0.0.1:9/v21.0");
    private final WebhookReceiver receiver = new WhatsAppConnectorFactory().open(context).webhook().orElseThrow();

    private static String wamid(int n) {
        return WAMID_PREFIX + n + WAMID_SUFFIX;
    }

    private List<EnvelopeDraft> receive(String fixture) {
        return receiver.receive(Fixtures.signedFixture("webhook/" + fixture)).envelopes();
    }

    private ChatMessage chat(String fixture) {
        return (ChatMessage) Fixtures.only(receive(fixture)).payload();
    }

    @Test
    void maps_a_text_message_with_the_contacts_profile_name_id_time_and_attributes() {
        EnvelopeDraft draft = Fixtures.only(receive("text.json"));

        assertThat(draft.type()).isEqualTo(EnvelopeTypes.MESSAGE_INBOUND);
        assertThat(draft.externalId()).isEqualTo(wamid(1));
        assertThat(draft.conversationAddress()).isEqualTo(WA_ID);
        assertThat(draft.occurredAt()).isEqualTo(Instant.ofEpochSecond(1_767_261_600L));
        assertThat(draft.payload()).isEqualTo(ChatMessage.inbound(new Party(WA_ID, "Ana Souza"),
                new Content.Text("Oi! Vocês entregam em Campinas?")));
        assertThat(draft.attributes()).containsEntry("phoneNumberId", Fixtures.PHONE_NUMBER_ID)
                .containsEntry("displayPhoneNumber", "15550104477")
                .containsEntry("wabaId", "104857600000001")
                .containsEntry("messageType", "text");
    }

    @Test
    void maps_an_image_by_media_id_with_mime_type_caption_and_the_sha256_as_hex() {
        assertThat(chat("image.json").content()).isEqualTo(new Content.Media(MediaType.IMAGE, null,
                "2045113399887766", "image/jpeg",
                "a8ddce321e19589c77a06d1d3f25b5989dec0526f433b835caaf324e026f1364", "Meu pedido chegou assim", null,
                null));
    }

    @Test
    void maps_an_audio_marked_voice_to_a_voice_note() {
        Content.Media media = (Content.Media) chat("audio-voice.json").content();

        assertThat(media.mediaType()).isEqualTo(MediaType.VOICE);
        assertThat(media.mediaId()).isEqualTo("1822334455667788");
        assertThat(media.mimeType()).isEqualTo("audio/ogg; codecs=opus");
    }

    @Test
    void maps_video_document_with_its_file_name_and_sticker() {
        Content.Media video = (Content.Media) chat("video.json").content();
        Content.Media document = (Content.Media) chat("document.json").content();
        Content.Media sticker = (Content.Media) chat("sticker.json").content();

        assertThat(video.mediaType()).isEqualTo(MediaType.VIDEO);
        assertThat(video.caption()).isEqualTo("Unboxing");
        assertThat(document.mediaType()).isEqualTo(MediaType.DOCUMENT);
        assertThat(document.fileName()).isEqualTo("nota-fiscal-4471.pdf");
        assertThat(document.caption()).isEqualTo("Nota fiscal");
        assertThat(document.mimeType()).isEqualTo("application/pdf");
        assertThat(sticker.mediaType()).isEqualTo(MediaType.STICKER);
        assertThat(sticker.mimeType()).isEqualTo("image/webp");
        assertThat(List.of(video, document, sticker)).allSatisfy(m -> {
            assertThat(m.url()).isNull();
            assertThat(m.sha256()).hasSize(64);
        });
    }

    @Test
    void maps_a_location() {
        assertThat(chat("location.json").content()).isEqualTo(new Content.Location(-23.5613496, -46.6560885, "MASP",
                "Av. Paulista, 1578 - Bela Vista, São Paulo - SP"));
    }

    @Test
    void maps_shared_contacts_with_formatted_name_phones_and_emails() {
        assertThat(chat("contacts.json").content()).isEqualTo(new Content.Contacts(List.of(
                new Content.SharedContact("Bruno Lima", List.of("+55 11 97777-0002"), List.of("bruno@example.com")))));
    }

    @Test
    void maps_a_reply_button_pick_and_the_quoted_message() {
        ChatMessage chat = chat("interactive-button-reply.json");

        assertThat(chat.content()).isEqualTo(new Content.InteractiveReply("track-order", "Rastrear pedido"));
        assertThat(chat.replyTo()).isEqualTo(wamid(90));
    }

    @Test
    void maps_a_list_row_pick() {
        assertThat(chat("interactive-list-reply.json").content())
                .isEqualTo(new Content.InteractiveReply("sedex", "SEDEX"));
    }

    @Test
    void maps_a_template_quick_reply_button_to_its_payload_and_text() {
        ChatMessage chat = chat("button.json");

        assertThat(chat.content()).isEqualTo(new Content.InteractiveReply("stop-promos", "Parar promoções"));
        assertThat(chat.replyTo()).isEqualTo(wamid(90));
    }

    @Test
    void maps_a_reaction_with_its_emoji_sent_as_unicode_escapes() {
        assertThat(chat("reaction.json").content()).isEqualTo(new Content.Reaction(wamid(91), "\uD83D\uDC4D"));
    }

    @Test
    void keeps_an_unsupported_message_with_its_raw_json_and_errors() {
        Content.Unsupported content = (Content.Unsupported) chat("unsupported.json").content();

        assertThat(content.type()).isEqualTo("unsupported");
        assertThat(content.raw().path("errors").path(0).path("code").asInt()).isEqualTo(131051);
        assertThat(content.raw().path("unsupported").path("type").asText()).isEqualTo("edit");
    }

    @Test
    void keeps_unknown_types_and_known_types_missing_their_object_as_unsupported() {
        String body = webhookWithMessages("""
                {"from":"5511987650001","id":"wamid.A1","timestamp":"1767261600","type":"order",
                 "order":{"catalog_id":"1","product_items":[]}},
                {"from":"5511987650001","id":"wamid.A2","timestamp":"1767261600","type":"image"},
                {"from":"5511987650001","id":"wamid.A3","timestamp":"1767261600","type":"interactive",
                 "interactive":{"type":"nfm_reply","nfm_reply":{"response_json":"{}","body":"Sent","name":"flow"}}}""");

        List<EnvelopeDraft> drafts = receiver.receive(Fixtures.signed(body)).envelopes();

        assertThat(drafts).extracting(d -> ((ChatMessage) d.payload()).content())
                .allSatisfy(c -> assertThat(c).isInstanceOf(Content.Unsupported.class))
                .extracting(c -> ((Content.Unsupported) c).type()).containsExactly("order", "image", "interactive");
        assertThat(((Content.Unsupported) ((ChatMessage) drafts.get(2).payload()).content()).raw()
                .path("interactive").path("nfm_reply").path("name").asText()).isEqualTo("flow");
    }

    @Test
    void stores_every_message_and_status_of_every_entry_and_change_in_order() {
        List<EnvelopeDraft> drafts = receive("batch.json");

        assertThat(drafts).extracting(EnvelopeDraft::externalId).containsExactly(wamid(30), wamid(31), wamid(32),
                wamid(33), wamid(20) + ":delivered");
        assertThat(drafts.get(2).payload()).isEqualTo(ChatMessage.inbound(new Party("5521966660003", "Carla Dias"),
                new Content.Text("sou a Carla")));
        assertThat(drafts.get(2).conversationAddress()).isEqualTo("5521966660003");
        assertThat(drafts.get(3).occurredAt()).isEqualTo(Instant.ofEpochSecond(1_767_261_603L));
        assertThat(drafts.get(4).type()).isEqualTo(EnvelopeTypes.MESSAGE_STATUS);
    }

    @Test
    void ignores_changes_of_other_fields_and_answers_200() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"104857600000001","changes":[
                 {"value":{"event":"APPROVED","message_template_id":1234567890123456,
                  "message_template_name":"order_update","message_template_language":"pt_BR","reason":"NONE"},
                  "field":"message_template_status_update"}]}]}""";

        WebhookResult result = receiver.receive(Fixtures.signed(body));

        assertThat(result.envelopes()).isEmpty();
        assertThat(result.response().status()).isEqualTo(200);
    }

    @Test
    void acknowledges_a_change_for_another_phone_number_and_stores_nothing_of_it() {
        WebhookResult result = receiver.receive(Fixtures.signedFixture("webhook/foreign-number.json"));

        assertThat(result.envelopes()).isEmpty();
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(context.recordedMetrics()).containsExactly("webhook.dropped[reason,other_phone_number]");
    }

    @Test
    void keeps_this_numbers_change_and_drops_another_numbers_change_of_the_same_batch() {
        List<EnvelopeDraft> drafts = receive("mixed-numbers.json");

        assertThat(drafts).singleElement().satisfies(draft -> {
            assertThat(draft.attributes()).containsEntry("phoneNumberId", Fixtures.PHONE_NUMBER_ID);
            assertThat(((ChatMessage) draft.payload()).content()).isEqualTo(new Content.Text("para este numero"));
        });
        assertThat(context.recordedMetrics()).containsExactly("webhook.dropped[reason,other_phone_number]");
    }

    @Test
    void drops_a_messages_change_that_names_no_phone_number() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"104857600000001","changes":[{"value":{
                 "messaging_product":"whatsapp","messages":[{"from":"5511987650001","id":"wamid.X","timestamp":"1",
                 "type":"text","text":{"body":"de onde?"}}]},"field":"messages"}]}]}""";

        WebhookResult result = receiver.receive(Fixtures.signed(body));

        assertThat(result.envelopes()).isEmpty();
        assertThat(result.response().status()).isEqualTo(200);
    }

    @Test
    void keeps_webhook_level_errors_as_whatsapp_error_envelopes() {
        EnvelopeDraft draft = Fixtures.only(receive("value-errors.json"));

        assertThat(draft.type()).isEqualTo(WhatsAppWebhookReceiver.ERROR_TYPE);
        assertThat(((GenericPayload) draft.payload()).data().path("code").asInt()).isEqualTo(131000);
        assertThat(draft.attributes()).containsEntry("phoneNumberId", Fixtures.PHONE_NUMBER_ID);
    }

    @Test
    void rejects_malformed_bodies_and_bodies_lacking_what_meta_always_sends_with_400() {
        for (String body : List.of("", "{", "[]", "{\"object\":\"page\",\"entry\":[]}",
                "{\"object\":\"whatsapp_business_account\"}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\"}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\"}]}]}",
                webhookWithMessages("{\"from\":\"5511987650001\",\"timestamp\":\"1\",\"type\":\"text\"}"),
                webhookWithMessages("7"))) {
            assertThatThrownBy(() -> receiver.receive(Fixtures.signed(body)), body)
                    .isInstanceOfSatisfying(WebhookRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void refuses_a_timestamp_beyond_what_the_hub_can_store_naming_the_field() {
        String body = webhookWithMessages("{\"from\":\"5511987650001\",\"id\":\"wamid.T1\","
                + "\"timestamp\":99999999999999999,\"type\":\"text\",\"text\":{\"body\":\"oi\"}}");
        assertThatThrownBy(() -> receiver.receive(Fixtures.signed(body)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("timestamp must be a Unix time in seconds");
    }

    private static String webhookWithMessages(String messages) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"104857600000001","changes":[{"value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550104477",
                 "phone_number_id":"110000000000077"},"messages":[%s]},"field":"messages"}]}]}""".formatted(messages);
    }
}
