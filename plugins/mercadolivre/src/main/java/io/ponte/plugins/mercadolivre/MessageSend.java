package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.SendInput;

/**
 * {@code message.send} into a Mercado Livre conversation, as its address says: {@code q:<question id>} answers the
 * question ({@code POST /answers {"question_id","text"}}, at most {@value #ANSWER_MAX} characters);
 * {@code pack:<pack or order id>} writes in the post-sale conversation
 * ({@code POST /messages/packs/{pack}/sellers/{seller}?tag=post_sale {"from":{"user_id"},"to":{"user_id"},"text"}},
 * at most {@value #POST_SALE_MAX} characters) to the buyer the hub learned from the pack's order or messages.
 * Text only. A message Mercado Livre's moderation rejects fails with its reason. Thread-safe.
 */
final class MessageSend {

    /** Mercado Livre's limit for an answer to a question. */
    static final int ANSWER_MAX = 2000;
    /** Mercado Livre's limit for a post-sale message. */
    static final int POST_SALE_MAX = 350;

    private final MercadoLivreApi api;
    private final ConnectorContext context;

    MessageSend(MercadoLivreApi api, ConnectorContext context) {
        this.api = api;
        this.context = context;
    }

    ActionResult send(ActionRequest request) {
        SendInput input = SendInput.parse(request.input());
        String text = input.text();
        if (text == null || text.isBlank()) {
            throw ActionFailure.failed("Mercado Livre conversations take text only; this message has "
                    + input.content().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " content");
        }
        String to = input.to();
        if (to.startsWith(BuyerMessages.QUESTION) && to.substring(2).matches("[0-9]{1,20}")) {
            return answer(to.substring(2), text.strip());
        }
        if (to.startsWith(BuyerMessages.PACK) && to.substring(5).matches("[0-9]{1,20}")) {
            return postSale(to.substring(5), text.strip());
        }
        throw ActionFailure.failed("\"to\" must be a Mercado Livre conversation: q:<question id> to answer a "
                + "question, pack:<pack or order id> to write to a buyer after the sale");
    }

    private ActionResult answer(String questionId, String text) {
        if (text.length() > ANSWER_MAX) {
            throw ActionFailure.failed("an answer to a question is at most " + ANSWER_MAX + " characters; this one "
                    + "has " + text.length());
        }
        ObjectNode body = PluginJson.mapper().createObjectNode().put("question_id", Long.parseLong(questionId))
                .put("text", text);
        JsonNode answered = api.send("POST", "/answers", body);
        String status = Orders.text(answered.path("answer"), "status");
        if (status != null && ("BANNED".equalsIgnoreCase(status) || "DISABLED".equalsIgnoreCase(status))) {
            throw ActionFailure.failed("Mercado Livre's moderation did not publish the answer (status " + status
                    + "): answers must not carry contact details, links or offensive words");
        }
        return ActionResult.delivered("question:" + questionId);
    }

    private ActionResult postSale(String pack, String text) {
        if (text.length() > POST_SALE_MAX) {
            throw ActionFailure.failed("a post-sale message is at most " + POST_SALE_MAX + " characters; this one "
                    + "has " + text.length());
        }
        String buyer = context.state().get(BuyerMessages.buyerKey(pack)).orElseGet(() -> buyerOf(pack));
        String seller = api.config().sellerId();
        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.putObject("from").put("user_id", seller);
        body.putObject("to").put("user_id", buyer);
        body.put("text", text);
        JsonNode sent = api.send("POST", "/messages/packs/" + pack + "/sellers/" + seller + "?tag=post_sale", body);
        JsonNode moderation = sent.path("message_moderation");
        if ("rejected".equalsIgnoreCase(moderation.path("status").asText(""))) {
            throw ActionFailure.failed("Mercado Livre's moderation rejected the message ("
                    + moderation.path("reason").asText("no reason given") + "): post-sale messages must not carry "
                    + "contact details, social network or shortened links, or payment links");
        }
        return ActionResult.delivered(Orders.text(sent, "id"));
    }

    /** The buyer of an order (a pack the hub has not seen yet must be an order id for this to work). */
    private String buyerOf(String pack) {
        JsonNode order = api.get("/orders/" + pack);
        String buyer = Orders.text(order.path("buyer"), "id");
        if (buyer == null || !api.config().sellerId().equals(Orders.sellerId(order))) {
            throw ActionFailure.failed("no buyer known for pack " + pack + ": the hub learns it from the pack's "
                    + "order and message notices");
        }
        context.state().put(BuyerMessages.buyerKey(pack), buyer);
        return buyer;
    }
}
