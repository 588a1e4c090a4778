package io.ponte.plugins.instagram;

import static io.ponte.plugins.instagram.Fixtures.ACCOUNT;
import static io.ponte.plugins.instagram.Fixtures.CONTACT;
import static io.ponte.plugins.instagram.Fixtures.OTHER_CONTACT;
import static io.ponte.plugins.instagram.Fixtures.at;
import static io.ponte.plugins.instagram.Fixtures.mid;
import static io.ponte.plugins.instagram.Fixtures.receive;
import static io.ponte.plugins.instagram.InboundMessagesTest.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Party;
import io.ponte.api.message.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Echoes, read receipts, deletions, postbacks, reactions, unknown kinds, batches and malformed bodies. */
class InboundEventsTest {

    @Test
    void turns_an_echo_of_our_own_message_into_message_echo_never_inbound() {
        EnvelopeDraft draft = receive("inbound/echo.json").get(0);

        assertThat(draft.type()).isEqualTo("message.echo");
        assertThat(draft.externalId()).isEqualTo(mid(12));
        assertThat(draft.conversationAddress()).isEqualTo(CONTACT);
        assertThat(draft.payload()).isEqualTo(ChatMessage.outbound(Party.of(CONTACT),
                new Content.Text("Temos sim! Quer que eu separe um?")));
    }

    @Test
    void turns_a_read_receipt_into_a_read_status_of_our_message() {
        EnvelopeDraft draft = receive("inbound/seen.json").get(0);

        assertThat(draft.type()).isEqualTo("message.status");
        assertThat(draft.externalId()).isEqualTo(mid(11) + ":read");
        assertThat(draft.conversationAddress()).isEqualTo(CONTACT);
        assertThat(draft.payload()).isEqualTo(new StatusUpdate(mid(11), StatusUpdate.Status.READ, CONTACT, null, null));
    }

    @Test
    void turns_a_deleted_message_into_a_deleted_status() {
        EnvelopeDraft draft = receive("inbound/deleted.json").get(0);

        assertThat(draft.type()).isEqualTo("message.status");
        assertThat(draft.externalId()).isEqualTo(mid(13) + ":deleted");
        assertThat(draft.conversationAddress()).isEqualTo(CONTACT);
        assertThat(draft.payload()).isEqualTo(new StatusUpdate(mid(13), StatusUpdate.Status.DELETED, ACCOUNT, null,
                null));
        assertThat(draft.attributes()).containsEntry("deletedBy", "contact");
    }

    @Test
    void maps_postbacks_to_interactive_replies_with_their_own_ids() {
        List<EnvelopeDraft> drafts = receive("inbound/postback.json");

        assertThat(drafts).extracting(EnvelopeDraft::type).containsOnly("message.inbound");
        assertThat(drafts).extracting(InboundMessagesTest::content).containsExactly(
                new Content.InteractiveReply("TRACK_ORDER", "Rastrear pedido"),
                new Content.InteractiveReply("HUMAN", "Falar com atendente"));
        assertThat(drafts).extracting(EnvelopeDraft::externalId)
                .containsExactly(mid(9), "postback:" + OTHER_CONTACT + ":" + (Fixtures.T0 + 601));
        assertThat(drafts).extracting(EnvelopeDraft::conversationAddress).containsExactly(CONTACT, OTHER_CONTACT);
    }

    @Test
    void maps_a_reaction_and_its_removal() {
        List<EnvelopeDraft> drafts = receive("inbound/reaction.json");

        assertThat(drafts).extracting(InboundMessagesTest::content).containsExactly(
                new Content.Reaction(mid(10), "\u2764\uFE0F"), new Content.Reaction(mid(10), null));
        assertThat(drafts).extracting(EnvelopeDraft::externalId).containsExactly(
                "reaction:" + CONTACT + ":" + mid(10) + ":react:" + (Fixtures.T0 + 700),
                "reaction:" + CONTACT + ":" + mid(10) + ":unreact:" + (Fixtures.T0 + 701));
        assertThat(drafts.get(0).attributes()).containsEntry("reaction", "love").containsEntry("reactionAction", "react");
    }

    @Test
    void keeps_edits_referrals_and_unknown_kinds_as_unsupported() {
        List<EnvelopeDraft> drafts = receive("inbound/unsupported.json").subList(1, 4);

        assertThat(drafts).extracting(d -> ((Content.Unsupported) content(d)).type())
                .containsExactly("message_edit", "referral", "future_kind");
        assertThat(drafts).extracting(EnvelopeDraft::externalId).containsExactly(
                mid(1) + ":edit:1",
                "referral:" + OTHER_CONTACT + ":" + (Fixtures.T0 + 1502),
                "future_kind:" + OTHER_CONTACT + ":" + mid(20) + ":" + (Fixtures.T0 + 1503));
        assertThat(drafts.get(0).attributes()).containsEntry("editedMessageId", mid(1));
        assertThat(drafts.get(1).attributes()).containsEntry("referralRef", "promo-verao")
                .containsEntry("referralSource", "IGME_LINK").containsEntry("referralType", "OPEN_THREAD");
        assertThat(((Content.Unsupported) content(drafts.get(2))).raw().get("detail").textValue())
                .isEqualTo("a kind Meta might add later");
    }

    @Test
    void stores_every_item_of_a_batch_ordered_by_timestamp_within_each_entry() {
        List<EnvelopeDraft> drafts = receive("inbound/batch.json");

        assertThat(drafts).extracting(EnvelopeDraft::externalId).containsExactly(
                mid(21), mid(22), mid(23), mid(12) + ":read", mid(25),
                "changes:" + ACCOUNT + ":" + (Fixtures.T0 + 5002) + ":0");
        assertThat(drafts).extracting(EnvelopeDraft::type).containsExactly("message.inbound", "message.inbound",
                "message.inbound", "message.status", "message.echo", "instagram.event");
        assertThat(drafts.subList(0, 3)).extracting(EnvelopeDraft::occurredAt)
                .containsExactly(at(4000), at(4001), at(4002));
        assertThat(drafts.get(1).conversationAddress()).isEqualTo(OTHER_CONTACT);
        assertThat(drafts.get(4).conversationAddress()).isEqualTo(OTHER_CONTACT);
    }

    @Test
    void keeps_entry_fields_other_than_messaging_as_generic_events() {
        EnvelopeDraft draft = receive("inbound/batch.json").get(5);

        assertThat(draft.conversationAddress()).isNull();
        assertThat(draft.attributes()).containsEntry("field", "changes").containsEntry("changeField", "comments");
        assertThat(((GenericPayload) draft.payload()).data().at("/value/value/text").textValue())
                .isEqualTo("Quanto custa?");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[]",
            "{\"object\":\"page\",\"entry\":[]}",
            "{\"object\":\"instagram\"}",
            "{\"object\":\"instagram\",\"entry\":{}}",
            "{\"object\":\"instagram\",\"entry\":[7]}",
            "{\"object\":\"instagram\",\"entry\":[{\"time\":1,\"messaging\":[]}]}",
            "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000001\",\"messaging\":{}}]}",
            "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000001\",\"messaging\":[{\"recipient\":{\"id\":\"1\"},\"message\":{\"mid\":\"m\"}}]}]}",
            "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000001\",\"messaging\":[{\"sender\":{\"id\":\"2\"},\"message\":{\"mid\":\"m\"}}]}]}",
            "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000001\",\"messaging\":[{\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"message\":{\"text\":\"no mid\"}}]}]}",
            "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000001\",\"messaging\":[{\"sender\":{\"id\":\"2\"},\"recipient\":{\"id\":\"1\"},\"message\":\"x\"}]}]}"})
    void answers_400_to_a_body_that_is_not_an_instagram_webhook(String body) {
        assertThatThrownBy(() -> receive(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void accepts_a_webhook_without_updates() {
        assertThat(receive("{\"object\":\"instagram\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
