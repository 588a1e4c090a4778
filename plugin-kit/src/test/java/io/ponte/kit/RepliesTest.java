package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.connector.Emitter;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Party;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The agent's envelopes: keyed by the inbound message, in its conversation and chain. */
class RepliesTest {

    private static final Envelope INBOUND = new Envelope("evt_01KA", "default", EnvelopeTypes.MESSAGE_INBOUND, "con_WA",
            "wamid.1", ConversationKey.of("con_WA:5511987650001"), Instant.parse("2026-01-01T10:00:00Z"), "evt_01K0", null,
            ChatMessage.inbound(new Party("5511987650001", "Ana"), new Content.Text("oi")), null);

    @Test
    void a_reply_goes_to_the_contact_in_the_inbound_conversation_keyed_by_the_inbound_id() {
        EnvelopeDraft reply = Replies.reply(INBOUND, new Content.Text("Olá, Ana!"));
        assertThat(reply.type()).isEqualTo(EnvelopeTypes.MESSAGE_OUTBOUND);
        assertThat(reply.externalId()).isEqualTo("reply:evt_01KA").isEqualTo(Replies.replyKey(INBOUND));
        assertThat(reply.conversation()).hasToString("con_WA:5511987650001");
        assertThat(reply.causationId()).isEqualTo("evt_01KA");
        assertThat(reply.correlationId()).isEqualTo("evt_01K0");
        assertThat(((ChatMessage) reply.payload()).to().address()).isEqualTo("5511987650001");
    }

    @Test
    void a_note_is_keyed_by_its_kind_and_the_inbound_id_and_nothing_outside_a_conversation_is_answered() {
        EnvelopeDraft note = Replies.note(INBOUND, "handoff", PluginJson.mapper().createObjectNode().put("to", "human"));
        assertThat(note.type()).isEqualTo(EnvelopeTypes.CONVERSATION_NOTE);
        assertThat(note.externalId()).isEqualTo("handoff:evt_01KA");
        Envelope loose = new Envelope("evt_X", "default", "order.updated", "con_ML", null, null, Instant.EPOCH, "evt_X",
                null, new GenericPayload(PluginJson.mapper().createObjectNode()), null);
        assertThatThrownBy(() -> Replies.reply(loose, new Content.Text("x"))).hasMessageContaining("no conversation");
    }

    @Test
    void emit_and_wait_returns_the_ids_and_turns_a_failed_store_into_a_retriable_error() {
        Emitter ok = drafts -> CompletableFuture.completedFuture(java.util.Arrays.asList("evt_1", null));
        assertThat(Emissions.await(ok, List.of(Replies.reply(INBOUND, new Content.Text("a")),
                Replies.note(INBOUND, "usage", PluginJson.mapper().createObjectNode())), Duration.ofSeconds(1)))
                .containsExactly("evt_1", null);
        Emitter down = drafts -> CompletableFuture.failedFuture(new IllegalStateException("storage is down"));
        assertThatThrownBy(() -> Emissions.await(down, List.of(Replies.reply(INBOUND, new Content.Text("a"))),
                Duration.ofSeconds(1))).isInstanceOf(ActionFailure.class).hasMessageContaining("storage is down");
        Emitter slow = drafts -> new CompletableFuture<>();
        assertThatThrownBy(() -> Emissions.await(slow, List.of(Replies.reply(INBOUND, new Content.Text("a"))),
                Duration.ofMillis(50))).isInstanceOf(ActionFailure.class).hasMessageContaining("did not confirm");
    }
}
