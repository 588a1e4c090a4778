package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.api.message.StatusUpdate;
import io.ponte.kit.ActionFailure;
import java.util.Locale;

/**
 * What buyers write, as conversations the hub's routes and agents answer like any chat:
 * <ul>
 *   <li>a question ({@code GET /questions/{id}}) still {@code UNANSWERED}: {@code message.inbound} in the
 *       conversation {@code q:<question id>} ({@code externalId} {@code question:<id>}, attributes {@code itemId},
 *       {@code questionId}); an answered, deleted or banned one emits nothing;</li>
 *   <li>a post-sale message ({@code GET /messages/{id}?tag=post_sale}) from the buyer: {@code message.inbound} in the
 *       conversation {@code pack:<pack id, or order id>} ({@code externalId} {@code message:<id>}); one of ours that
 *       Mercado Livre reports read: {@code message.status} {@code read} for our message id.</li>
 * </ul>
 * The buyer of a pack is remembered in {@code state()} for {@link MessageSend}. Thread-safe.
 */
final class BuyerMessages {

    /** The address prefix of a question's conversation. */
    static final String QUESTION = "q:";
    /** The address prefix of a pack's (or order's) post-sale conversation. */
    static final String PACK = "pack:";

    private final MercadoLivreApi api;
    private final ConnectorContext context;

    BuyerMessages(MercadoLivreApi api, ConnectorContext context) {
        this.api = api;
        this.context = context;
    }

    /** The {@code state()} key of the buyer of a pack (or order). */
    static String buyerKey(String packKey) {
        return "pack-buyer:" + packKey;
    }

    NoticeFetch.Fetched question(String questionId, Envelope cause) {
        JsonNode q = api.get("/questions/" + questionId + "?api_version=4");
        String seller = api.config().sellerId();
        if (!seller.equals(Orders.text(q, "seller_id"))) {
            throw ActionFailure.failed("question " + questionId + " is not a question to seller " + seller);
        }
        String status = String.valueOf(Orders.text(q, "status")).toUpperCase(Locale.ROOT);
        String text = Orders.text(q, "text");
        String from = Orders.text(q.path("from"), "id");
        if (!"UNANSWERED".equals(status) || text == null || from == null || from.equals(seller)) {
            return NoticeFetch.Fetched.of();
        }
        return NoticeFetch.Fetched.of(NoticeFetch.caused(EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_INBOUND,
                        ChatMessage.inbound(Party.of(from), new Content.Text(text))), cause)
                .externalId("question:" + questionId)
                .conversationAddress(QUESTION + questionId)
                .occurredAt(Orders.instant(Orders.text(q, "date_created")))
                .attribute("questionId", questionId)
                .attribute("itemId", Orders.text(q, "item_id"))
                .build());
    }

    NoticeFetch.Fetched message(String messageId, Envelope cause) {
        JsonNode answer = api.get("/messages/" + messageId + "?tag=post_sale");
        JsonNode m = answer.path("messages").isArray() && !answer.path("messages").isEmpty()
                ? answer.path("messages").get(0) : answer;
        String id = Orders.text(m, "id") != null ? Orders.text(m, "id") : messageId;
        String pack = packOf(m);
        String seller = api.config().sellerId();
        String from = Orders.text(m.path("from"), "user_id");
        if (pack == null || from == null) {
            throw ActionFailure.failed("message " + messageId + " names no pack, order or sender");
        }
        if (from.equals(seller)) {
            String read = Orders.text(m.path("message_date"), "read");
            if (read == null) {
                return NoticeFetch.Fetched.of();
            }
            return NoticeFetch.Fetched.of(NoticeFetch.caused(EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_STATUS,
                            new StatusUpdate(id, StatusUpdate.Status.READ, PACK + pack, null, null)), cause)
                    .externalId("message:" + id + ":read")
                    .conversationAddress(PACK + pack)
                    .occurredAt(Orders.instant(read))
                    .build());
        }
        String to = Orders.text(m.path("to"), "user_id");
        String text = Orders.text(m, "text");
        if (!seller.equals(to) || text == null) {
            return NoticeFetch.Fetched.of();
        }
        EnvelopeDraft inbound = NoticeFetch.caused(EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_INBOUND,
                        ChatMessage.inbound(Party.of(from), new Content.Text(text))), cause)
                .externalId("message:" + id)
                .conversationAddress(PACK + pack)
                .occurredAt(Orders.instant(Orders.text(m.path("message_date"), "created")))
                .attribute("packId", pack)
                .build();
        return new NoticeFetch.Fetched(java.util.List.of(inbound),
                () -> context.state().put(buyerKey(pack), from));
    }

    /** The pack the message belongs to, else its order ({@code message_resources}, else {@code resource_id}). */
    private static String packOf(JsonNode m) {
        String order = null;
        for (JsonNode r : m.path("message_resources")) {
            String name = Orders.text(r, "name");
            String id = Orders.text(r, "id");
            if ("packs".equals(name) && id != null) {
                return digits(id);
            }
            if ("orders".equals(name) && id != null) {
                order = id;
            }
        }
        return digits(order != null ? order : Orders.text(m, "resource_id"));
    }

    private static String digits(String id) {
        return id != null && id.matches("[0-9]{1,20}") ? id : null;
    }
}
