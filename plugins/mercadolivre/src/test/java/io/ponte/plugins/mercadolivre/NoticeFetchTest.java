package io.ponte.plugins.mercadolivre;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Order;
import io.ponte.api.message.StatusUpdate;
import io.ponte.plugins.mercadolivre.fake.FakeMercadoLivre;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The notices' follow-up against the fake API: what each resource becomes once fetched. */
class NoticeFetchTest {

    private static final String BUYER = "123456789";
    private final FakeMercadoLivre ml = new FakeMercadoLivre();
    private final TestConnectorContext context = Sellers.context(ml);
    private final Connector connector = Sellers.open(context);

    @AfterEach
    void stop() {
        ml.close();
    }

    private ActionResult notice(String topic, String resource) {
        return Sellers.notice(connector, context, FakeMercadoLivre.notice(topic, resource));
    }

    @Test
    void a_paid_order_becomes_order_updated_with_the_normalized_order_once_however_often_it_is_noticed() {
        ml.putOrder("2000003456789012", "paid", null, BUYER, "11987650001", "2026-01-05T10:32:15.000-03:00");

        assertThat(notice("orders_v2", "/orders/2000003456789012")).isInstanceOf(ActionResult.Delivered.class);
        assertThat(notice("orders_v2", "/orders/2000003456789012")).isInstanceOf(ActionResult.Delivered.class);

        assertThat(context.emitted()).as("the same state stored once").hasSize(1);
        EnvelopeDraft updated = context.emitted().get(0);
        assertThat(updated.type()).isEqualTo("order.updated");
        assertThat(updated.externalId()).isEqualTo("2000003456789012:paid:2026-01-05T10:32:15.000-03:00");
        Order order = (Order) updated.payload();
        assertThat(order.status()).isEqualTo("paid");
        assertThat(order.total()).isEqualByComparingTo(new BigDecimal("880.00"));
        assertThat(order.currency()).isEqualTo("MXN");
        assertThat(order.buyer().address()).isEqualTo(BUYER);
        assertThat(order.items()).singleElement().satisfies(i -> {
            assertThat(i.sku()).isEqualTo("VERS-100");
            assertThat(i.quantity()).isEqualTo(2);
            assertThat(i.unitPrice()).isEqualByComparingTo("440.00");
        });
        assertThat(updated.attributes()).containsEntry("buyerPhone", "11987650001")
                .containsEntry("orderingKey", "pack:2000003456789012").doesNotContainKey("previousStatus");
        assertThat(ml.gets("/orders/2000003456789012")).as("the body is never trusted: each notice fetches")
                .hasSize(2);
    }

    @Test
    void a_status_change_carries_the_previous_status_and_a_cart_order_its_pack() {
        ml.putOrder("2000000000000001", "payment_required", "2000000088888888", BUYER, null,
                "2026-01-05T10:00:00.000-03:00");
        notice("orders_v2", "/orders/2000000000000001");
        ml.putOrder("2000000000000001", "PAID", "2000000088888888", BUYER, null, "2026-01-05T10:05:00.000-03:00");
        notice("orders_v2", "/orders/2000000000000001");

        assertThat(context.emitted()).hasSize(2);
        EnvelopeDraft paid = context.emitted().get(1);
        assertThat(((Order) paid.payload()).status()).isEqualTo("paid");
        assertThat(paid.attributes()).containsEntry("previousStatus", "payment_required")
                .containsEntry("packId", "2000000088888888").containsEntry("orderingKey", "pack:2000000088888888");
        assertThat(context.emitted().get(0).attributes()).doesNotContainKey("previousStatus");
    }

    @Test
    void an_order_of_another_seller_is_refused_and_nothing_is_emitted() {
        ml.putOrder("2000000000000002", "paid", null, BUYER, null, "2026-01-05T10:00:00.000-03:00")
                .putObject("seller").put("id", 42);
        assertThat(notice("orders_v2", "/orders/2000000000000002")).isInstanceOf(ActionResult.Failed.class);
        assertThat(context.emitted()).isEmpty();
    }

    @Test
    void an_unanswered_question_becomes_a_message_in_the_questions_conversation() {
        ml.putQuestion("5036111111", BUYER, "MLB1234567890", "Tem em estoque?");
        notice("questions", "/questions/5036111111");

        EnvelopeDraft inbound = context.emitted().get(0);
        assertThat(inbound.type()).isEqualTo("message.inbound");
        assertThat(inbound.conversationAddress()).isEqualTo("q:5036111111");
        assertThat(inbound.externalId()).isEqualTo("question:5036111111");
        ChatMessage message = (ChatMessage) inbound.payload();
        assertThat(message.from().address()).isEqualTo(BUYER);
        assertThat(((Content.Text) message.content()).text()).isEqualTo("Tem em estoque?");
        assertThat(inbound.attributes()).containsEntry("itemId", "MLB1234567890");
    }

    @Test
    void an_answered_question_emits_nothing() {
        ml.putQuestion("5036111112", BUYER, "MLB1234567890", "Tem?").put("status", "ANSWERED");
        assertThat(notice("questions", "/questions/5036111112")).isInstanceOf(ActionResult.Delivered.class);
        assertThat(context.emitted()).isEmpty();
    }

    @Test
    void a_buyers_post_sale_message_joins_the_packs_conversation_and_ours_read_becomes_a_status() {
        ml.putMessage("3f6da1e35ac84f70a24af7360d24c7bc", "2000000088888888", BUYER, FakeMercadoLivre.SELLER_ID,
                "Quando chega?", null);
        ml.putMessage("0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a", "2000000088888888", FakeMercadoLivre.SELLER_ID, BUYER,
                "Amanhã!", "2026-01-05T14:00:00Z");
        notice("messages", "3f6da1e35ac84f70a24af7360d24c7bc");
        notice("messages", "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a");

        EnvelopeDraft inbound = context.emitted().get(0);
        assertThat(inbound.type()).isEqualTo("message.inbound");
        assertThat(inbound.conversationAddress()).isEqualTo("pack:2000000088888888");
        assertThat(((ChatMessage) inbound.payload()).from().address()).isEqualTo(BUYER);
        EnvelopeDraft read = context.emitted().get(1);
        assertThat(read.type()).isEqualTo("message.status");
        StatusUpdate status = (StatusUpdate) read.payload();
        assertThat(status.messageId()).isEqualTo("0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a");
        assertThat(status.status()).isEqualTo(StatusUpdate.Status.READ);
        assertThat(ml.gets("/messages/3f6da1e35ac84f70a24af7360d24c7bc").get(0).query()).isEqualTo("tag=post_sale");
    }

    @Test
    void a_listing_change_becomes_item_updated_once_per_state() {
        ml.putItem("MLB1234567890", "VERS-100", "active", "499.90", 7);
        notice("items", "/items/MLB1234567890");
        notice("items", "/items/MLB1234567890");
        ml.putItem("MLB1234567890", "VERS-100", "paused", "499.90", 0);
        notice("items", "/items/MLB1234567890");

        assertThat(context.emitted()).hasSize(2);
        GenericPayload first = (GenericPayload) context.emitted().get(0).payload();
        assertThat(context.emitted().get(0).type()).isEqualTo("item.updated");
        assertThat(first.data().get("price").decimalValue()).isEqualByComparingTo("499.90");
        assertThat(first.data().get("availableQuantity").asInt()).isEqualTo(7);
        assertThat(first.data().get("sellerSku").asText()).isEqualTo("VERS-100");
        assertThat(((GenericPayload) context.emitted().get(1).payload()).data().get("status").asText())
                .isEqualTo("paused");
    }

    @Test
    void a_server_error_or_rate_limit_is_retried_as_mercado_livre_asks_and_nothing_is_emitted_meanwhile() {
        ml.putOrder("2000000000000003", "paid", null, BUYER, null, "2026-01-05T10:00:00.000-03:00");
        notice("orders_v2", "/orders/2000000000000003");
        ml.enqueue(FakeMercadoLivre.error(503, "service unavailable", "internal_error"));
        ml.putOrder("2000000000000003", "cancelled", null, BUYER, null, "2026-01-05T11:00:00.000-03:00");
        ActionResult down = notice("orders_v2", "/orders/2000000000000003");
        assertThat(down).isInstanceOfSatisfying(ActionResult.Retry.class,
                r -> assertThat(r.reason()).contains("503").contains("service unavailable"));
        ml.enqueue(FakeMercadoLivre.error(429, "too many requests", "local_rate_limited")
                .withHeader("Retry-After", "7"));
        ActionResult limited = notice("orders_v2", "/orders/2000000000000003");
        assertThat(limited).isInstanceOfSatisfying(ActionResult.Retry.class,
                r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(context.emitted()).hasSize(1);
    }
}
