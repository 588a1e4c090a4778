package io.ponte.plugins.mercadolivre;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.plugins.mercadolivre.fake.FakeMercadoLivre;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** message.send, order.get and item.stock.set against the fake API. */
class ActionsTest {

    private static final String BUYER = "123456789";
    private final FakeMercadoLivre ml = new FakeMercadoLivre();
    private final TestConnectorContext context = Sellers.context(ml);
    private final Connector connector = Sellers.open(context);

    @AfterEach
    void stop() {
        ml.close();
    }

    @Test
    void a_reply_into_a_questions_conversation_posts_the_answer() {
        ml.putQuestion("5036111111", BUYER, "MLB1234567890", "Tem em estoque?");
        ActionResult r = Sellers.invoke(connector, "message.send", "{\"to\":\"q:5036111111\",\"text\":\"Temos sim!\"}");

        assertThat(r).isInstanceOfSatisfying(ActionResult.Delivered.class,
                d -> assertThat(d.externalRef()).isEqualTo("question:5036111111"));
        JsonNode answer = ml.answers().get(0);
        assertThat(answer.get("question_id").asLong()).isEqualTo(5036111111L);
        assertThat(answer.get("text").asText()).isEqualTo("Temos sim!");
    }

    @Test
    void answers_over_2000_characters_and_post_sale_messages_over_350_fail_before_any_call() {
        String longAnswer = "a".repeat(2001);
        assertThat(Sellers.invoke(connector, "message.send", "{\"to\":\"q:1\",\"text\":\"" + longAnswer + "\"}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason()).contains("2000"));
        assertThat(Sellers.invoke(connector, "message.send", "{\"to\":\"pack:1\",\"text\":\"" + "b".repeat(351)
                + "\"}")).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason()).contains("350"));
        assertThat(ml.requests()).isEmpty();
    }

    @Test
    void an_address_that_is_no_conversation_fails() {
        assertThat(Sellers.invoke(connector, "message.send", "{\"to\":\"5511987650001\",\"text\":\"oi\"}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason()).contains("q:<question id>"));
    }

    @Test
    void an_already_answered_question_fails_with_mercado_livres_words() {
        ml.putQuestion("5036111112", BUYER, "MLB1234567890", "?").put("status", "ANSWERED");
        assertThat(Sellers.invoke(connector, "message.send", "{\"to\":\"q:5036111112\",\"text\":\"Sim\"}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class,
                        f -> assertThat(f.reason()).contains("400").contains("Question already answered"));
    }

    @Test
    void a_reply_into_a_packs_conversation_writes_to_the_orders_buyer() {
        ml.putOrder("2000000000000001", "paid", null, BUYER, null, "2026-01-05T10:00:00.000-03:00");
        ActionResult r = Sellers.invoke(connector, "message.send",
                "{\"to\":\"pack:2000000000000001\",\"text\":\"Seu pedido sai hoje.\"}");

        assertThat(r).isInstanceOf(ActionResult.Delivered.class);
        var posted = ml.postSaleMessages().get(0);
        assertThat(posted.path()).isEqualTo("/messages/packs/2000000000000001/sellers/" + FakeMercadoLivre.SELLER_ID);
        assertThat(posted.query()).isEqualTo("tag=post_sale");
        assertThat(posted.bodyJson().at("/from/user_id").asText()).isEqualTo(FakeMercadoLivre.SELLER_ID);
        assertThat(posted.bodyJson().at("/to/user_id").asText()).isEqualTo(BUYER);
        assertThat(posted.bodyJson().get("text").asText()).isEqualTo("Seu pedido sai hoje.");
        assertThat(((ActionResult.Delivered) r).externalRef()).isNotBlank();
    }

    @Test
    void a_message_the_moderation_rejects_fails_with_the_reason() {
        ml.putOrder("2000000000000001", "paid", null, BUYER, null, "2026-01-05T10:00:00.000-03:00");
        var rejected = ml.putMessage("rejected0001", "2000000000000001", FakeMercadoLivre.SELLER_ID, BUYER, "x", null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) rejected.get("message_moderation")).put("status", "rejected")
                .put("reason", "SOCIAL_NETWORK_LINK");
        Sellers.invoke(connector, "order.get", "{\"orderId\":\"2000000000000001\"}");
        context.state().put(BuyerMessages.buyerKey("2000000000000001"), BUYER);
        ml.enqueue(Answer.json(201, rejected));
        assertThat(Sellers.invoke(connector, "message.send",
                "{\"to\":\"pack:2000000000000001\",\"text\":\"me chama no insta\"}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class,
                        f -> assertThat(f.reason()).contains("moderation").contains("SOCIAL_NETWORK_LINK"));
    }

    @Test
    void order_get_answers_the_normalized_order_for_an_agent() {
        ml.putOrder("2000003456789012", "paid", null, BUYER, null, "2026-01-05T10:32:15.000-03:00");
        ActionResult r = Sellers.invoke(connector, "order.get", "{\"orderId\":\"2000003456789012\"}");
        assertThat(r).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
            assertThat(d.output().get("orderId").asText()).isEqualTo("2000003456789012");
            assertThat(d.output().get("status").asText()).isEqualTo("paid");
            assertThat(d.output().get("total").decimalValue()).isEqualByComparingTo("880.00");
            assertThat(d.output().at("/items/0/sku").asText()).isEqualTo("VERS-100");
        });
        assertThat(Sellers.invoke(connector, "order.get", "{\"orderId\":\"999\"}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason()).contains("404"));
        assertThat(Sellers.invoke(connector, "order.get", "{\"orderId\":\"../users/me\"}"))
                .isInstanceOf(ActionResult.Failed.class);
    }

    @Test
    void item_stock_set_puts_the_available_quantity_by_item_id_or_by_sku() {
        ml.putItem("MLB1234567890", "VERS-100", "active", "499.90", 7);
        ml.putItem("MLB1234567891", "VERS-100", "active", "519.90", 7);
        ml.putItem("MLB1234567892", "OTHER", "active", "9.90", 7);

        assertThat(Sellers.invoke(connector, "item.stock.set", "{\"itemId\":\"MLB1234567892\",\"quantity\":3}"))
                .isInstanceOf(ActionResult.Delivered.class);
        assertThat(ml.item("MLB1234567892").get("available_quantity").asInt()).isEqualTo(3);
        var put = ml.requests(r -> r.method().equals("PUT")).get(0);
        assertThat(put.bodyJson().get("available_quantity").asInt()).isEqualTo(3);

        ActionResult bySku = Sellers.invoke(connector, "item.stock.set", "{\"sku\":\"VERS-100\",\"quantity\":0}");
        assertThat(bySku).isInstanceOf(ActionResult.Delivered.class);
        assertThat(ml.item("MLB1234567890").get("available_quantity").asInt()).isZero();
        assertThat(ml.item("MLB1234567891").get("available_quantity").asInt()).isZero();
        assertThat(ml.requests(r -> r.path().endsWith("/items/search")).get(0).queryParams())
                .containsEntry("seller_sku", "VERS-100");

        assertThat(Sellers.invoke(connector, "item.stock.set", "{\"sku\":\"NOPE\",\"quantity\":1}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason()).contains("NOPE"));
        assertThat(Sellers.invoke(connector, "item.stock.set", "{\"itemId\":\"MLB1\",\"quantity\":-1}"))
                .isInstanceOf(ActionResult.Failed.class);
    }

    @Test
    void item_stock_adjust_lowers_every_listing_of_each_sku_once_per_delivery_however_often_it_is_retried() {
        ml.putItem("MLB1234567890", "VERS-100", "active", "499.90", 7);
        ml.putItem("MLB1234567891", "VERS-100", "active", "519.90", 5);
        ml.putItem("MLB1234567892", "OTHER", "active", "9.90", 1);
        // the order's lines as a route renders them: "{{{payload.items}}}" is the JSON text of the array
        String input = "{\"items\":\"[{\\\"sku\\\":\\\"VERS-100\\\",\\\"quantity\\\":2},"
                + "{\\\"sku\\\":\\\"OTHER\\\",\\\"quantity\\\":3}]\"}";

        assertThat(Sellers.invoke(connector, "item.stock.adjust", input)).isInstanceOf(ActionResult.Delivered.class);
        assertThat(ml.item("MLB1234567890").get("available_quantity").asInt()).isEqualTo(5);
        assertThat(ml.item("MLB1234567891").get("available_quantity").asInt()).isEqualTo(3);
        assertThat(ml.item("MLB1234567892").get("available_quantity").asInt()).as("never below zero").isZero();

        // the same delivery again (its answer was lost): the same quantities, not lower ones
        assertThat(Sellers.invoke(connector, "item.stock.adjust", input)).isInstanceOf(ActionResult.Delivered.class);
        assertThat(ml.item("MLB1234567890").get("available_quantity").asInt()).isEqualTo(5);
        assertThat(ml.item("MLB1234567891").get("available_quantity").asInt()).isEqualTo(3);

        // another sale is another delivery
        assertThat(connector.invoke(new io.ponte.api.action.ActionRequest("item.stock.adjust", Sellers.json(
                "{\"items\":[{\"sku\":\"VERS-100\",\"quantity\":1}]}"), null, "dlv_OTHER", 1)))
                .isInstanceOf(ActionResult.Delivered.class);
        assertThat(ml.item("MLB1234567890").get("available_quantity").asInt()).isEqualTo(4);

        assertThat(Sellers.invoke(connector, "item.stock.adjust", "{\"items\":\"not json\"}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason()).contains("JSON"));
        assertThat(Sellers.invoke(connector, "item.stock.adjust", "{\"items\":[{\"sku\":\"VERS-100\"}]}"))
                .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason()).contains("quantity"));
    }
}
