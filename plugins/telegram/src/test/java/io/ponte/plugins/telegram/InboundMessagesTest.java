package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.ContactHints;
import io.ponte.api.message.Content;
import io.ponte.api.message.Content.MediaType;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Party;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import io.ponte.plugins.telegram.fake.FakeUpdates;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of update and message content, from fixtures in Telegram's shapes. */
class InboundMessagesTest {

    private final WebhookReceiver receiver = Bots.open(Bots.context("http://127.0.0.1:9",
            "7000000001:AAinboundTestToken", null)).webhook().orElseThrow();

    private EnvelopeDraft receive(String fixture) {
        WebhookResult result = receiver.receive(Bots.webhook(Bots.fixture("updates/" + fixture), Bots.SECRET));
        assertThat(result.envelopes()).hasSize(1);
        return result.envelopes().get(0);
    }

    private static ChatMessage chat(EnvelopeDraft draft) {
        assertThat(draft.type()).isEqualTo("message.inbound");
        return (ChatMessage) draft.payload();
    }

    @Test
    void maps_a_private_text_message_with_its_ids_sender_and_time() {
        EnvelopeDraft draft = receive("message-text.json");
        assertThat(chat(draft)).isEqualTo(ChatMessage.inbound(new Party("5011223344", "Ana Souza"),
                new Content.Text("Olá, quero saber do meu pedido")));
        assertThat(draft.externalId()).isEqualTo("830001");
        assertThat(draft.conversationAddress()).isEqualTo("5011223344");
        assertThat(draft.occurredAt()).isEqualTo(Instant.ofEpochSecond(1_767_261_600L));
        assertThat(draft.attributes()).containsEntry("chatType", "private").containsEntry("messageId", "4101")
                .containsEntry("username", "ana_souza").containsEntry("updateKind", "message")
                .containsEntry("fromId", "5011223344").doesNotContainKey("edited");
    }

    @Test
    void keeps_entities_as_json_and_names_a_leading_bot_command() {
        EnvelopeDraft draft = receive("message-command-entities.json");
        assertThat(chat(draft).content()).isEqualTo(new Content.Text("/start promo_jan"));
        assertThat(draft.attributes()).containsEntry("command", "/start")
                .containsEntry("entities", "[{\"type\":\"bot_command\",\"offset\":0,\"length\":6}]");
    }

    @Test
    void maps_an_edited_message_as_a_new_envelope_marked_edited_at_the_edit_time() {
        EnvelopeDraft draft = receive("edited-message.json");
        assertThat(chat(draft).content()).isEqualTo(new Content.Text("Olá, quero saber do meu pedido 4242"));
        assertThat(draft.externalId()).isEqualTo("830004");
        assertThat(draft.occurredAt()).isEqualTo(Instant.ofEpochSecond(1_767_261_690L));
        assertThat(draft.attributes()).containsEntry("edited", "true").containsEntry("messageId", "4101")
                .containsEntry("updateKind", "edited_message");
    }

    @Test
    void maps_a_channel_post_to_the_channel_conversation() {
        EnvelopeDraft draft = receive("channel-post.json");
        assertThat(chat(draft).from()).isEqualTo(new Party("-1001555000111", "Ponte News"));
        assertThat(draft.conversationAddress()).isEqualTo("-1001555000111");
        assertThat(draft.attributes()).containsEntry("chatType", "channel").containsEntry("username", "ponte_news")
                .containsEntry("chatTitle", "Ponte News").doesNotContainKey("fromId");
    }

    @Test
    void maps_a_group_reply_to_the_group_with_the_quoted_message_and_the_sender() {
        EnvelopeDraft draft = receive("group-reply.json");
        ChatMessage message = chat(draft);
        assertThat(message.from()).isEqualTo(new Party("-1001987654321", "Ana Souza"));
        assertThat(message.replyTo()).isEqualTo("2205");
        assertThat(message.content()).isEqualTo(new Content.Text("É o 4242"));
        assertThat(draft.conversationAddress()).isEqualTo("-1001987654321");
        assertThat(draft.attributes()).containsEntry("chatType", "supergroup").containsEntry("fromId", "5011223344")
                .containsEntry("chatTitle", "Ponte Beta Testers").containsEntry("username", "ana_souza");
    }

    @Test
    void takes_the_largest_photo_size_as_image_jpeg_with_its_caption() {
        assertThat(chat(receive("message-photo.json")).content()).isEqualTo(new Content.Media(MediaType.IMAGE, null,
                "AgACAgEAAxkBAAIQe2PonteReceiptLarge", "image/jpeg", null, "Segue o comprovante", null, 161_204L));
    }

    @Test
    void maps_a_document_with_its_name_type_and_size() {
        assertThat(chat(receive("message-document.json")).content()).isEqualTo(new Content.Media(MediaType.DOCUMENT,
                null, "BQACAgEAAxkBAAIQd2Ponte_invoice_pdf_01", "application/pdf", null, null, "nota-fiscal-4242.pdf",
                284_519L));
    }

    @Test
    void maps_audio_voice_video_and_video_notes() {
        assertThat(chat(receive("message-audio.json")).content()).isEqualTo(new Content.Media(MediaType.AUDIO, null,
                "CQACAgEAAxkBAAIQf2PonteAudio01", "audio/mpeg", null, "Nosso jingle", "jingle.mp3", 3_441_234L));
        assertThat(chat(receive("message-voice.json")).content()).isEqualTo(new Content.Media(MediaType.VOICE, null,
                "AwACAgEAAxkBAAIQg2PonteVoice01", "audio/ogg", null, null, null, 18_234L));
        assertThat(chat(receive("message-video.json")).content()).isEqualTo(new Content.Media(MediaType.VIDEO, null,
                "BAACAgEAAxkBAAIQh2PonteVideo01", "video/mp4", null, "Unboxing", "unboxing.mp4", 2_345_678L));
        assertThat(chat(receive("message-video-note.json")).content()).isEqualTo(new Content.Media(MediaType.VIDEO,
                null, "DQACAgEAAxkBAAIQi2PonteNote01", "video/mp4", null, null, null, 812_345L));
    }

    @Test
    void maps_a_static_sticker_as_webp() {
        assertThat(chat(receive("message-sticker.json")).content()).isEqualTo(new Content.Media(MediaType.STICKER,
                null, "CAACAgEAAxkBAAIQj2PonteSticker01", "image/webp", null, null, null, 23_456L));
    }

    @Test
    void maps_an_animation_as_video_not_as_the_document_telegram_also_sends() {
        assertThat(chat(receive("message-animation.json")).content()).isEqualTo(new Content.Media(MediaType.VIDEO,
                null, "CgACAgEAAxkBAAIQk2PonteAnim01", "video/mp4", null, null, "dancing-cat.mp4", 123_456L));
    }

    @Test
    void maps_a_location_and_a_venue_with_its_name_and_address() {
        assertThat(chat(receive("message-location.json")).content())
                .isEqualTo(new Content.Location(-23.561414, -46.655881, null, null));
        assertThat(chat(receive("message-venue.json")).content()).isEqualTo(new Content.Location(-23.561414,
                -46.655881, "MASP", "Av. Paulista, 1578 - Bela Vista, São Paulo - SP"));
    }

    @Test
    void maps_a_shared_contact() {
        assertThat(chat(receive("message-contact.json")).content()).isEqualTo(new Content.Contacts(List.of(
                new Content.SharedContact("Bruno Lima", List.of("+5511988887777"), List.of()))));
    }

    @Test
    void tells_the_hub_the_senders_phone_only_when_they_share_their_own_contact() {
        assertThat(receive("message-own-contact.json").attributes())
                .containsEntry(ContactHints.PHONE, "+5511987650001");
        assertThat(receive("message-contact.json").attributes()).as("someone else's card")
                .doesNotContainKey(ContactHints.PHONE);
        String inGroup = Bots.fixture("updates/message-own-contact.json")
                .replace("\"id\": 5011223344,\n      \"first_name\": \"Ana\",\n      \"last_name\": \"Souza\",\n      \"username\": \"ana_souza\",\n      \"type\": \"private\"",
                        "\"id\": -1001987654321,\n      \"title\": \"Clientes\",\n      \"type\": \"supergroup\"");
        assertThat(inGroup).contains("supergroup");
        WebhookResult group = receiver.receive(Bots.webhook(inGroup, Bots.SECRET));
        assertThat(group.envelopes().get(0).attributes()).as("a group's conversation is not the member's")
                .doesNotContainKey(ContactHints.PHONE);
    }

    @Test
    void keeps_a_message_type_without_mapping_as_unsupported_with_the_raw_message() {
        EnvelopeDraft draft = receive("message-poll.json");
        Content.Unsupported content = (Content.Unsupported) chat(draft).content();
        assertThat(content.type()).isEqualTo("poll");
        assertThat(content.raw().path("poll").path("question").asText()).isEqualTo("Melhor horário para entrega?");
        assertThat(content.raw().path("message_id").asLong()).isEqualTo(4121);
        assertThat(draft.externalId()).isEqualTo("830017");
    }

    @Test
    void maps_each_update_of_an_album_to_its_own_envelope_sharing_the_media_group() {
        EnvelopeDraft first = receive("album-1.json");
        EnvelopeDraft second = receive("album-2.json");
        assertThat(List.of(first.externalId(), second.externalId())).containsExactly("830020", "830021");
        assertThat(first.attributes().get("mediaGroupId")).isEqualTo("13874512690455123")
                .isEqualTo(second.attributes().get("mediaGroupId"));
        assertThat(((Content.Media) chat(first).content()).caption()).isEqualTo("Fotos do produto");
        assertThat(((Content.Media) chat(second).content()).mediaId()).isEqualTo("AgACAgEAAxkBAAIQe2PonteAlbumBLarge");
    }

    @Test
    void reads_the_fake_bot_apis_text_update_like_a_real_one() {
        EnvelopeDraft draft = receiver.receive(Bots.webhook(FakeBotApi.textUpdate(9001, 5011223344L, "Ana", "oi"),
                Bots.SECRET)).envelopes().get(0);
        assertThat(chat(draft)).isEqualTo(ChatMessage.inbound(new Party("5011223344", "Ana"), new Content.Text("oi")));
        assertThat(draft.externalId()).isEqualTo("9001");
        assertThat(draft.attributes()).containsEntry("messageId", Long.toString(FakeUpdates.messageIdFor(9001)));
    }

    @Test
    void keeps_an_update_kind_that_is_not_a_message_as_a_telegram_update_outside_any_conversation() {
        WebhookResult result = receiver.receive(Bots.webhook(Bots.fixture("updates/my-chat-member.json"),
                Bots.SECRET));
        EnvelopeDraft draft = result.envelopes().get(0);
        assertThat(draft.type()).isEqualTo("telegram.update");
        assertThat(draft.externalId()).isEqualTo("830022");
        assertThat(draft.conversationAddress()).isNull();
        assertThat(draft.attributes()).containsEntry("updateKind", "my_chat_member");
        assertThat(((GenericPayload) draft.payload()).data().path("my_chat_member").path("new_chat_member")
                .path("status").asText()).isEqualTo("kicked");
        assertThat(result.response().status()).isEqualTo(200);
    }
}
