package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.Emissions;
import io.ponte.kit.PluginJson;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The follow-up of a stored notice ({@value #ACTION}, input {@code {"topic","id"}}): GETs the resource with the
 * seller's token and emits what it is now, waiting until the hub stored it.
 * <ul>
 *   <li>{@code orders_v2}, and {@code payments}/{@code shipments} through the order they name: {@code order.updated}
 *       ({@link Orders}), {@code externalId} {@code <order id>:<status>:<date_last_updated>} so one state is stored
 *       once, attributes {@code previousStatus} (when the status changed since the last one seen, kept in
 *       {@code state()}), {@code packId} and {@code orderingKey} {@code pack:<pack or order id>} (a cart's orders
 *       go in one order), {@code buyerId}, {@code buyerPhone} when the order has one;</li>
 *   <li>{@code questions} and {@code messages}: see {@link BuyerMessages};</li>
 *   <li>{@code items}: {@code item.updated} with the listing's status, price and available quantity,
 *       {@code externalId} {@code item:<id>:<status>:<price>:<quantity>}.</li>
 * </ul>
 * A resource of another seller is refused ({@code Failed}); Mercado Livre's errors come back as the action's
 * outcome (429 and 5xx retried). Thread-safe: the hub runs one follow-up per resource at a time.
 */
final class NoticeFetch {

    /** The follow-up action, declared in the descriptor. */
    static final String ACTION = "notice.fetch";
    private static final Duration EMIT_WAIT = Duration.ofSeconds(10);

    private final MercadoLivreApi api;
    private final ConnectorContext context;
    private final BuyerMessages buyerMessages;

    NoticeFetch(MercadoLivreApi api, ConnectorContext context) {
        this.api = api;
        this.context = context;
        this.buyerMessages = new BuyerMessages(api, context);
    }

    ActionResult fetch(ActionRequest request) {
        String topicName = request.input().path("topic").asText("");
        Topic topic = Topic.of(topicName).orElseThrow(() -> ActionFailure.failed("notice.fetch takes a topic the "
                + "connector follows, not '" + topicName + "'"));
        String id = topic.id(withoutQuery(topic.path(request.input().path("id").asText(""))))
                .orElseThrow(() -> ActionFailure.failed("notice.fetch needs the id of a " + topicName + " resource"));
        Fetched fetched = switch (topic) {
            case ORDERS_V2 -> order(id, request.cause());
            case PAYMENTS, SHIPMENTS -> orderOf(topic, id, request.cause());
            case QUESTIONS -> buyerMessages.question(id, request.cause());
            case MESSAGES -> buyerMessages.message(id, request.cause());
            case ITEMS -> item(id, request.cause());
        };
        List<EnvelopeDraft> drafts = fetched.drafts();
        List<String> stored = drafts.isEmpty() ? List.of() : Emissions.await(context.emitter(), drafts, EMIT_WAIT);
        fetched.afterStored().run();
        ObjectNode output = PluginJson.mapper().createObjectNode().put("topic", topicName).put("id", id);
        output.put("emitted", drafts.size()).put("new", (int) stored.stream().filter(s -> s != null).count());
        drafts.forEach(d -> output.withArray("types").add(d.type()));
        return new ActionResult.Delivered(null, output);
    }

    /**
     * What a fetch found: the drafts to store, and what to remember once they are stored.
     *
     * @param drafts      the envelopes, in order
     * @param afterStored runs after the hub confirmed storing them (never when it did not)
     */
    record Fetched(List<EnvelopeDraft> drafts, Runnable afterStored) {

        /** Drafts with nothing to remember. */
        static Fetched of(EnvelopeDraft... drafts) {
            return new Fetched(List.of(drafts), () -> { });
        }
    }

    private static String withoutQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private Fetched order(String orderId, Envelope cause) {
        JsonNode json = api.get("/orders/" + orderId);
        if (!api.config().sellerId().equals(Orders.sellerId(json))) {
            throw ActionFailure.failed("order " + orderId + " is not an order of seller " + api.config().sellerId());
        }
        Orders.Read read = Orders.read(json);
        String stateKey = "order-status:" + read.order().orderId();
        String previous = context.state().get(stateKey).orElse(null);
        String status = read.order().status();
        EnvelopeDraft.Builder draft = caused(EnvelopeDraft.builder(EnvelopeTypes.ORDER_UPDATED, read.order()), cause)
                .externalId(read.order().orderId() + ":" + status + ":" + (read.lastUpdated() == null ? ""
                        : read.lastUpdated()))
                .occurredAt(read.lastUpdatedAt())
                .attribute("orderId", read.order().orderId())
                .attribute("packId", read.packId())
                .attribute("orderingKey", "pack:" + read.packKey())
                .attribute("buyerId", read.buyerId())
                .attribute("buyerPhone", read.buyerPhone());
        if (previous != null && !previous.equals(status)) {
            draft.attribute("previousStatus", previous);
        }
        return new Fetched(List.of(draft.build()), () -> {
            context.state().put(stateKey, status);
            if (read.buyerId() != null) {
                context.state().put(BuyerMessages.buyerKey(read.packKey()), read.buyerId());
            }
        });
    }

    private Fetched orderOf(Topic topic, String id, Envelope cause) {
        JsonNode json = api.get(topic.path(id));
        String orderId = Optional.ofNullable(Orders.text(json, "order_id"))
                .or(() -> Optional.ofNullable(Orders.text(json.path("collection"), "order_id")))
                .orElse(null);
        if (orderId == null || !orderId.matches("[0-9]{1,20}")) {
            return Fetched.of();
        }
        return order(orderId, cause);
    }

    private Fetched item(String itemId, Envelope cause) {
        JsonNode json = api.get("/items/" + itemId);
        if (!api.config().sellerId().equals(Orders.text(json, "seller_id"))) {
            throw ActionFailure.failed("item " + itemId + " is not a listing of seller " + api.config().sellerId());
        }
        ObjectNode data = PluginJson.mapper().createObjectNode().put("itemId", itemId);
        putText(data, "title", Orders.text(json, "title"));
        putText(data, "status", Orders.text(json, "status"));
        if (json.path("price").isNumber()) {
            data.put("price", json.get("price").decimalValue());
        }
        putText(data, "currency", Orders.text(json, "currency_id"));
        if (json.path("available_quantity").isIntegralNumber()) {
            data.put("availableQuantity", json.get("available_quantity").asLong());
        }
        putText(data, "sellerSku", Orders.text(json, "seller_custom_field"));
        putText(data, "permalink", Orders.text(json, "permalink"));
        String state = String.join(":", data.path("status").asText(""), data.path("price").asText(""),
                data.path("availableQuantity").asText(""));
        return Fetched.of(caused(EnvelopeDraft.builder(EnvelopeTypes.ITEM_UPDATED, new GenericPayload(data)), cause)
                .externalId("item:" + itemId + ":" + state)
                .attribute("itemId", itemId)
                .attribute("orderingKey", "item:" + itemId)
                .build());
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** Chains a draft to the notice that caused the fetch. */
    static EnvelopeDraft.Builder caused(EnvelopeDraft.Builder draft, Envelope cause) {
        return cause == null ? draft : draft.causationId(cause.id()).correlationId(cause.correlationId());
    }
}
