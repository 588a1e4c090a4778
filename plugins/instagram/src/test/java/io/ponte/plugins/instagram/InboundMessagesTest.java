package io.ponte.plugins.instagram;

import static io.ponte.plugins.instagram.Fixtures.ACCOUNT;
import static io.ponte.plugins.instagram.Fixtures.CONTACT;
import static io.ponte.plugins.instagram.Fixtures.at;
import static io.ponte.plugins.instagram.Fixtures.mid;
import static io.ponte.plugins.instagram.Fixtures.receive;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content.MediaType;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Party;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contacts' messages ({@code entry[].messaging[].message}) as {@code message.inbound} envelopes, kind by kind. */
class InboundMessagesTest {

    private static final String CDN = "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=";

    @Test
    void maps_a_text_message_from_the_igsid() {
        EnvelopeDraft draft = single("inbound/text.json");

        assertThat(draft.type()).isEqualTo("message.inbound");
        assertThat(draft.externalId()).isEqualTo(mid(1));
        assertThat(draft.conversationAddress()).isEqualTo(CONTACT);
        assertThat(draft.occurredAt()).isEqualTo(at(100));
        assertThat(draft.payload()).isEqualTo(ChatMessage.inbound(Party.of(CONTACT),
                new Content.Text("Oi! O tênis azul ainda tem no 42?")));
        assertThat(draft.attributes()).containsExactly(Map.entry("igAccountId", ACCOUNT));
    }

    @Test
    void maps_an_image_attachment_to_media_by_url() {
        EnvelopeDraft draft = single("inbound/image.json");

        assertThat(draft.externalId()).isEqualTo(mid(2));
        assertThat(content(draft)).isEqualTo(media(MediaType.IMAGE, CDN + "17900000000000011&signature=FIXTURE-IMAGE"));
        assertThat(draft.attributes()).containsEntry("attachmentType", "image");
    }

    @Test
    void maps_video_audio_file_and_sticker_attachments() {
        List<EnvelopeDraft> drafts = receive("inbound/media-kinds.json");

        assertThat(drafts).extracting(InboundMessagesTest::content).containsExactly(
                media(MediaType.VIDEO, CDN + "17900000000000012&signature=FIXTURE-VIDEO"),
                media(MediaType.AUDIO, CDN + "17900000000000013&signature=FIXTURE-AUDIO"),
                media(MediaType.DOCUMENT, CDN + "17900000000000014&signature=FIXTURE-FILE"),
                media(MediaType.STICKER, "https://scontent.xx.fbcdn.net/v/t39.1997-6/fixture_sticker.png"));
        assertThat(drafts).extracting(EnvelopeDraft::externalId).containsExactly(mid(3), mid(4), mid(5), mid(6));
        assertThat(drafts.get(3).attributes()).containsEntry("stickerId", "369239263222822");
    }

    @Test
    void splits_several_attachments_of_one_message_into_envelopes_with_numbered_ids() {
        List<EnvelopeDraft> drafts = receive("inbound/multi-attachment.json");

        assertThat(drafts).extracting(EnvelopeDraft::externalId).containsExactly(mid(7), mid(7) + "#2");
        assertThat(drafts).extracting(InboundMessagesTest::content).containsExactly(
                media(MediaType.IMAGE, CDN + "17900000000000015&signature=FIXTURE-A"),
                media(MediaType.IMAGE, CDN + "17900000000000016&signature=FIXTURE-B"));
        assertThat(drafts).allSatisfy(d -> assertThat(d.conversationAddress()).isEqualTo(CONTACT));
    }

    @Test
    void maps_a_quick_reply_tap_to_an_interactive_reply_with_its_payload_and_title() {
        EnvelopeDraft draft = single("inbound/quick-reply.json");

        assertThat(draft.externalId()).isEqualTo(mid(8));
        assertThat(content(draft)).isEqualTo(new Content.InteractiveReply("SIZE_42", "Tamanho 42"));
    }

    @Test
    void keeps_the_quoted_message_of_a_reply() {
        EnvelopeDraft draft = single("inbound/reply-to.json");

        assertThat(draft.payload()).isEqualTo(new ChatMessage(Party.of(CONTACT), null,
                new Content.Text("Esse mesmo"), mid(12)));
    }

    @Test
    void marks_a_reply_to_a_story_with_the_story_url_and_id() {
        EnvelopeDraft draft = single("inbound/story-reply.json");

        assertThat(content(draft)).isEqualTo(new Content.Text("Quero esse!"));
        assertThat(draft.attributes())
                .containsEntry("storyReply", CDN + "17900000000000018&signature=FIXTURE-REPLY")
                .containsEntry("storyId", "17900000000000018");
        assertThat(((ChatMessage) draft.payload()).replyTo()).isNull();
    }

    @Test
    void keeps_a_story_mention_as_unsupported_with_the_story_attributes() {
        EnvelopeDraft draft = single("inbound/story-mention.json");

        assertThat(draft.externalId()).isEqualTo(mid(14));
        assertThat(content(draft)).isInstanceOfSatisfying(Content.Unsupported.class, u -> {
            assertThat(u.type()).isEqualTo("story_mention");
            assertThat(u.raw().at("/payload/url").textValue()).startsWith(CDN + "17900000000000017");
        });
        assertThat(draft.attributes()).containsEntry("storyMention", "true")
                .containsEntry("storyUrl", CDN + "17900000000000017&signature=FIXTURE-STORY");
    }

    @Test
    void keeps_shared_posts_and_reels_as_unsupported_with_their_url() {
        List<EnvelopeDraft> drafts = receive("inbound/shares.json");

        assertThat(drafts).extracting(d -> ((Content.Unsupported) content(d)).type()).containsExactly("share", "ig_reel");
        assertThat(drafts.get(0).attributes()).containsEntry("sharedUrl", CDN + "17900000000000019&signature=FIXTURE-SHARE");
        assertThat(drafts.get(1).attributes())
                .containsEntry("sharedUrl", CDN + "17900000000000020&signature=FIXTURE-REEL")
                .containsEntry("sharedTitle", "Lançamento da coleção de verão #tenis")
                .containsEntry("reelVideoId", "17900000000000020");
        assertThat(((Content.Unsupported) content(drafts.get(1))).raw().at("/payload/reel_video_id").textValue())
                .isEqualTo("17900000000000020");
    }

    @Test
    void keeps_a_message_instagram_flags_as_unsupported() {
        EnvelopeDraft draft = receive("inbound/unsupported.json").get(0);

        assertThat(draft.externalId()).isEqualTo(mid(19));
        assertThat(content(draft)).isInstanceOfSatisfying(Content.Unsupported.class, u -> {
            assertThat(u.type()).isEqualTo("unsupported");
            assertThat(u.raw().get("is_unsupported").booleanValue()).isTrue();
        });
    }

    private static EnvelopeDraft single(String fixture) {
        List<EnvelopeDraft> drafts = receive(fixture);
        assertThat(drafts).hasSize(1);
        return drafts.get(0);
    }

    static Content content(EnvelopeDraft draft) {
        return ((ChatMessage) draft.payload()).content();
    }

    private static Content.Media media(MediaType type, String url) {
        return new Content.Media(type, url, null, null, null, null, null, null);
    }
}
